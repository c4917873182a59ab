package org.natterjack.pstn.asterisk;

import org.natterjack.pstn.trunk.Trunk;
import org.natterjack.pstn.trunk.TrunkType;

/**
 * extensions.conf, the dialplan. Calls from the gateway carry {@code TRUNK-NUMBER} as the Request-URI user
 * and go to that trunk's context; a trunk context presents the caller ID as configured, dials the line and,
 * on congestion (Q.850 cause 34 or 42), moves on to the failover trunk. Calls from the PSTN ask the FastAGI
 * script where to go (the gateway's routing table decides) and are rejected, sent to another trunk, or
 * dialled to the gateway with the number as dialled. Calls without a number (extension {@code s}: analog
 * lines) are routed as calls to their trunk's inbound number, or refused as unallocated without one.
 */
final class ExtensionsConf {

    /** The context of calls from the gateway. */
    static final String FROM_GATEWAY = "from-gateway";
    /** The context of calls from the telephone network. */
    static final String FROM_PSTN = "from-pstn";

    private ExtensionsConf() {
    }

    static String trunkContext(String trunk) {
        return "nj-trunk-" + trunk;
    }

    static String render(ConfigInputs in) {
        ConfText conf = ConfText.asterisk("The dialplan between the gateway and the telephone network.");
        conf.section("general")
                .set("static", "yes")
                .set("writeprotect", "yes")
                .set("clearglobalvars", "yes");
        conf.section("globals")
                .set("NJ_AGI", "agi://127.0.0.1:" + in.settings().agiPort() + "/route")
                .set("NJ_RING", in.settings().ringSeconds());

        conf.blank().comment("From SIP users, through the gateway: the Request-URI user is TRUNK-NUMBER.");
        conf.section(FROM_GATEWAY)
                .line("exten => _[a-z].,1,Set(NJ_TRUNK=${CUT(EXTEN,-,1)})")
                .line(" same => n,Set(NJ_NUMBER=${CUT(EXTEN,-,2-)})")
                .line(" same => n,GotoIf(${DIALPLAN_EXISTS(" + trunkContext("${NJ_TRUNK}") + ",s,1)}?"
                        + trunkContext("${NJ_TRUNK}") + ",s,1)")
                .line(" same => n,Hangup(3)");

        for (Trunk trunk : in.plan().trunks()) {
            trunk(conf, trunk);
        }

        conf.blank().comment("From the telephone network: the FastAGI script maps the dialled number (DID) through")
                .comment("the gateway's routing table and sets NJ_ROUTE (gateway, trunk, reject), NJ_NUMBER,")
                .comment("NJ_OUT_TRUNK and NJ_CAUSE. If the gateway does not answer, the call is refused with 41.");
        conf.section(FROM_PSTN)
                .line("exten => _[+0-9*#].,1,AGI(${NJ_AGI}?trunk=${NJ_TRUNK})")
                .line(" same => n,GotoIf($[\"${AGISTATUS}\" != \"SUCCESS\"]?failed)")
                .line(" same => n,GotoIf($[\"${NJ_ROUTE}\" = \"reject\"]?reject)")
                .line(" same => n,GotoIf($[\"${NJ_ROUTE}\" = \"trunk\"]?" + trunkContext("${NJ_OUT_TRUNK}") + ",s,1)")
                .line(" same => n,Dial(PJSIP/${NJ_NUMBER}@" + PjsipConf.GATEWAY_ENDPOINT + ",${NJ_RING})")
                .line(" same => n,Hangup(${HANGUPCAUSE})")
                .line(" same => n(reject),Hangup(${NJ_CAUSE})")
                .line(" same => n(failed),Hangup(41)");
        withoutNumber(conf, in);

        conf.blank().comment("Test calls originated by the adapter: Local/TRUNK-NUMBER@nj-test-call.");
        conf.section("nj-test-call")
                .line("exten => _[a-z].,1,Goto(" + FROM_GATEWAY + ",${EXTEN},1)");
        return conf.text();
    }

    private static void withoutNumber(ConfText conf, ConfigInputs in) {
        conf.blank().comment("Calls without a dialled number (analog lines) take their trunk's inbound number.")
                .line("exten => s,1,NoOp(A call without a dialled number on trunk ${NJ_TRUNK})");
        for (Trunk trunk : in.plan().trunks()) {
            trunk.inboundNumber().ifPresent(n -> conf.line(
                    " same => n,GotoIf($[\"${NJ_TRUNK}\" = \"" + trunk.name() + "\"]?" + n + ",1)"));
        }
        conf.line(" same => n,Log(WARNING,Trunk ${NJ_TRUNK} has no inbound-number for calls without a dialled number)")
                .line(" same => n,Hangup(" + in.settings().unknownDidCause() + ")");
    }

    private static void trunk(ConfText conf, Trunk trunk) {
        String dial = trunk.type() == TrunkType.DAHDI
                ? "DAHDI/g" + trunk.group() + "/${NJ_NUMBER}"
                : "PJSIP/${NJ_NUMBER}@" + PjsipConf.endpointName(trunk);
        conf.blank().comment("Trunk " + trunk.name() + " (" + trunk.type().label()
                + (trunk.type() == TrunkType.DAHDI ? " group " + trunk.group() : " " + trunk.peer().orElseThrow())
                + ")" + trunk.failover().map(f -> ", failing over to " + f + " on congestion").orElse("") + ".");
        conf.section(trunkContext(trunk.name()))
                .line("exten => s,1,Set(CALLERID(num-pres)=" + trunk.presentation().asteriskValue() + ")");
        trunk.callerId().ifPresent(n -> conf.line(" same => n,Set(CALLERID(num)=" + n + ")"));
        conf.line(" same => n,Dial(" + dial + ",${NJ_RING})");
        trunk.failover().ifPresent(f -> conf.line(
                " same => n,GotoIf($[\"${HANGUPCAUSE}\" = \"34\" | \"${HANGUPCAUSE}\" = \"42\"]?"
                        + trunkContext(f) + ",s,1)"));
        conf.line(" same => n,Hangup(${HANGUPCAUSE})");
    }
}
