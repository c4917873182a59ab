package org.natterjack.pstn.asterisk;

import java.net.InetSocketAddress;
import org.natterjack.config.IpLiterals;
import org.natterjack.pstn.PstnSettings;
import org.natterjack.pstn.trunk.PstnPlan;

/**
 * What the generated configuration is made of.
 *
 * @param gateway where Asterisk sends SIP requests to the gateway
 * @param amiSecret the manager account's secret
 */
public record ConfigInputs(PstnSettings settings, PstnPlan plan, InetSocketAddress gateway, String amiSecret) {

    String gatewayHost() {
        return IpLiterals.uriHost(gateway.getAddress());
    }

    /** The gateway's address as Asterisk's identify section matches it (no brackets, no port). */
    String gatewayAddress() {
        return gateway.getAddress().getHostAddress();
    }
}
