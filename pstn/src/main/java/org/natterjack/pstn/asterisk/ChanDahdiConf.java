package org.natterjack.pstn.asterisk;

import org.natterjack.pstn.trunk.Span;
import org.natterjack.pstn.trunk.Trunk;

/**
 * chan_dahdi.conf: per span, its trunk's group and the settings of its line; calls arriving on it go to
 * {@code from-pstn} with NJ_TRUNK set. Settings carry over from one {@code channel =>} line to the next in
 * this file, so every span block sets all of them again.
 */
final class ChanDahdiConf {

    private ChanDahdiConf() {
    }

    static String render(ConfigInputs in) {
        ConfText conf = ConfText.asterisk("Asterisk's DAHDI channels: which span serves which trunk.");
        conf.section("trunkgroups");
        conf.section("channels")
                .set("usecallerid", "yes")
                .set("callwaiting", "no")
                .set("relaxdtmf", "yes")
                .set("ignore_failed_channels", "yes");
        for (Span span : in.plan().spans()) {
            Trunk trunk = in.plan().trunk(span.trunk()).orElseThrow();
            conf.blank().comment("Span " + span.number() + " (" + span.type().label() + ") of trunk " + trunk.name());
            conf.set("group", trunk.group())
                    .set("context", ExtensionsConf.FROM_PSTN)
                    .set("clearvars", "yes")
                    .set("setvar", "NJ_TRUNK=" + trunk.name())
                    .set("signalling", span.signalling())
                    .set("echocancel", span.hasEchoCanceller() ? "yes" : "no");
            if (span.type().isDigital()) {
                conf.set("switchtype", span.switchtype())
                        // lets a drain take idle channels out of service (pri service disable channel N)
                        .set("service_message_support", span.hasServiceMessages() ? "yes" : "no");
            }
            conf.line("channel => " + span.bearerChannels());
        }
        return conf.text();
    }
}
