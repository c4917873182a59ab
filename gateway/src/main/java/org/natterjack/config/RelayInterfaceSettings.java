package org.natterjack.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.natterjack.net.IpLiteral;

/**
 * One address the media relay binds its ports on, and the address it tells parties to send to. The two
 * differ on an appliance behind a router that forwards the port range: bind the LAN address, advertise
 * the router's public one.
 *
 * @param bind the local address the relay's sockets bind to (may be the wildcard {@code 0.0.0.0} or
 *     {@code ::}; {@code ::} is dual-stack on Linux and then also occupies the IPv4 ports)
 * @param advertise the address written into SDP; empty means the bind address, or for a wildcard bind
 *     the gateway's advertised SIP address of that family
 * @param portMin first port of this interface's range; 0 means {@code relay.port-min}
 * @param portMax last port of this interface's range; 0 means {@code relay.port-max}
 */
public record RelayInterfaceSettings(InetAddress bind, Optional<InetAddress> advertise, int portMin, int portMax) {

    public RelayInterfaceSettings {
        if (advertise.isPresent()) {
            if (advertise.get().isAnyLocalAddress()) {
                throw new IllegalArgumentException("advertise must be a concrete address, not a wildcard");
            }
            if (isV6(advertise.get()) != isV6(bind)) {
                throw new IllegalArgumentException("advertise " + advertise.get().getHostAddress()
                        + " is not of the same address family as bind " + bind.getHostAddress());
            }
        }
        if (portMin != 0 || portMax != 0) {
            RelaySettings.checkRange(portMin, portMax, "port-min", "port-max");
        }
    }

    public boolean isV6() {
        return isV6(bind);
    }

    static boolean isV6(InetAddress address) {
        return address instanceof Inet6Address;
    }

    /** The interface the relay uses when none is configured: every IPv4 address. */
    public static RelayInterfaceSettings anyV4() {
        return of("0.0.0.0", null, null, null);
    }

    @JsonCreator
    static RelayInterfaceSettings of(@JsonProperty("bind") String bind,
                                     @JsonProperty("advertise") String advertise,
                                     @JsonProperty("port-min") Integer portMin,
                                     @JsonProperty("port-max") Integer portMax) {
        if (bind == null) {
            throw new IllegalArgumentException("bind is required (an IP address, e.g. 0.0.0.0)");
        }
        return new RelayInterfaceSettings(address(bind, "bind"),
                Optional.ofNullable(advertise).map(a -> address(a, "advertise")),
                portMin == null ? 0 : portMin, portMax == null ? 0 : portMax);
    }

    private static InetAddress address(String text, String key) {
        return IpLiteral.parseHost(text).orElseThrow(() ->
                new IllegalArgumentException(key + " must be an IP address, not '" + text + "'"));
    }
}
