package org.natterjack.pstn.asterisk;

import java.net.InetSocketAddress;
import java.util.List;
import org.natterjack.net.IpLiteral;
import org.natterjack.pstn.PstnSettings;
import org.natterjack.pstn.trunk.PstnPlan;

/**
 * What the generated configuration is made of.
 *
 * @param gateway where Asterisk sends SIP requests to the gateway
 * @param domain the host part of the Request-URI of calls from the PSTN: the domain their users are in
 * @param amiSecret the manager account's secret
 */
public record ConfigInputs(PstnSettings settings, PstnPlan plan, InetSocketAddress gateway, String domain,
                           String amiSecret) {

    /** The domain PSTN calls are addressed to: the configured one, the operator's first, or the gateway's address. */
    public static String domain(PstnSettings settings, List<String> domains, InetSocketAddress gateway) {
        return settings.domain().orElse(domains.isEmpty() ? IpLiteral.uriHost(gateway.getAddress()) : domains.get(0));
    }

    String gatewayHost() {
        return IpLiteral.uriHost(gateway.getAddress());
    }

    /** The gateway's address as Asterisk's identify section matches it (no brackets, no port). */
    String gatewayAddress() {
        return gateway.getAddress().getHostAddress();
    }
}
