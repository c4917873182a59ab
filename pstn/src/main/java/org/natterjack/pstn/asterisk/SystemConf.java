package org.natterjack.pstn.asterisk;

import org.natterjack.pstn.trunk.Span;

/**
 * DAHDI's system.conf (applied by {@code dahdi_cfg}): per span its timing source preference, line build-out,
 * framing and coding, then which channels carry calls (bchan, or the analog signalling) and signalling (dchan),
 * and the echo canceller.
 */
final class SystemConf {

    private SystemConf() {
    }

    static String render(ConfigInputs in) {
        ConfText conf = ConfText.dahdi("DAHDI spans and channels (dahdi_cfg reads this).");
        for (Span span : in.plan().spans()) {
            conf.blank().comment("Span " + span.number() + ": " + span.type().label() + " of trunk " + span.trunk());
            if (span.type().isDigital()) {
                conf.line("span=" + span.number() + "," + span.timing() + "," + span.lbo() + "," + span.framing() + ","
                        + span.coding() + (span.crc4() ? ",crc4" : ""));
                conf.line("bchan=" + span.bearerChannels());
                conf.line("dchan=" + span.dchannel().getAsInt());
            } else {
                conf.line(span.signalling().replace("_", "") + "=" + span.bearerChannels());
            }
            if (span.hasEchoCanceller()) {
                conf.line("echocanceller=" + span.echoCanceller() + "," + span.bearerChannels());
            }
        }
        conf.blank()
                .line("loadzone=" + in.settings().toneZone())
                .line("defaultzone=" + in.settings().toneZone());
        return conf.text();
    }
}
