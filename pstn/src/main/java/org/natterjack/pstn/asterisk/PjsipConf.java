package org.natterjack.pstn.asterisk;

import org.natterjack.pstn.trunk.Trunk;
import org.natterjack.pstn.trunk.TrunkType;

/**
 * pjsip.conf: one UDP transport on loopback, the gateway as an endpoint identified by its address (calls from
 * it go to context {@code from-gateway}), and an endpoint per sip-peer trunk (calls from it are PSTN calls).
 */
final class PjsipConf {

    static final String GATEWAY_ENDPOINT = "gateway";
    static final String TRANSPORT = "natterjack-udp";

    private PjsipConf() {
    }

    static String render(ConfigInputs in) {
        ConfText conf = ConfText.asterisk("Asterisk's SIP side: the gateway, and SIP peers standing in for the PSTN.");
        conf.section(TRANSPORT)
                .set("type", "transport")
                .set("protocol", "udp")
                .set("bind", hostPort(in.settings().asteriskAddress(), in.settings().sipPort()));
        endpoint(conf, GATEWAY_ENDPOINT, "from-gateway", in,
                "The Natterjack gateway: SIP users reach the PSTN through it, PSTN calls go to it.");
        // Calls go to the gateway through it as outbound proxy, addressed to the users' domain, so that a DID
        // routed to user:NAME finds NAME's registration there.
        conf.set("outbound_proxy", "sip:" + in.gatewayHost() + ":" + in.gateway().getPort() + "\\;lr");
        conf.section(GATEWAY_ENDPOINT)
                .set("type", "aor")
                .set("contact", "sip:" + in.domain());
        identify(conf, GATEWAY_ENDPOINT, in.gatewayAddress());
        for (Trunk trunk : in.plan().trunks()) {
            if (trunk.type() != TrunkType.SIP_PEER) {
                continue;
            }
            Trunk.Peer peer = trunk.peer().orElseThrow();
            String name = endpointName(trunk);
            endpoint(conf, name, "from-pstn", in, "Trunk " + trunk.name()
                    + ": a SIP peer standing in for the telephone network (tests, labs).");
            conf.set("set_var", "NJ_TRUNK=" + trunk.name());
            conf.section(name)
                    .set("type", "aor")
                    .set("contact", "sip:" + peer);
            identify(conf, name, peer.host());
        }
        return conf.text();
    }

    static String endpointName(Trunk trunk) {
        return "trunk-" + trunk.name();
    }

    private static void endpoint(ConfText conf, String name, String context, ConfigInputs in, String comment) {
        conf.blank().comment(comment);
        conf.section(name)
                .set("type", "endpoint")
                .set("transport", TRANSPORT)
                .set("context", context)
                .set("disallow", "all")
                .set("allow", String.join(",", in.settings().codecs()))
                .set("aors", name)
                // Media flows through Asterisk, which bridges the PSTN side and the gateway's.
                .set("direct_media", "no");
    }

    private static void identify(ConfText conf, String endpoint, String address) {
        conf.section(endpoint)
                .set("type", "identify")
                .set("endpoint", endpoint)
                .set("match", address);
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
