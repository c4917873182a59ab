package org.natterjack.tunnel.agent;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The device's RFC 5626 instance identity: a name-based UUID from the MAC address of the first hardware interface,
 * and from the address-of-record and contact it is used for, so that it survives restarts and address changes and
 * two applications behind one agent are told apart.
 */
final class DeviceInstance {

    private final String mac;

    private DeviceInstance(String mac) {
        this.mac = mac;
    }

    /** The first non-loopback interface with a hardware address; a fixed name where there is none. */
    static DeviceInstance ofThisHost() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] address = nif.getHardwareAddress();
                if (!nif.isLoopback() && address != null && address.length == 6) {
                    return new DeviceInstance(HexFormat.ofDelimiter(":").formatHex(address));
                }
            }
        } catch (SocketException e) {
            // fall through: no interfaces to read
        }
        return new DeviceInstance("no-mac");
    }

    static DeviceInstance ofMac(String mac) {
        return new DeviceInstance(mac);
    }

    String mac() {
        return mac;
    }

    /** {@code <urn:uuid:...>} for one address-of-record and contact. */
    String urn(String aor, String contact) {
        UUID uuid = UUID.nameUUIDFromBytes((mac + '\n' + aor + '\n' + contact).getBytes(StandardCharsets.UTF_8));
        return "<urn:uuid:" + uuid + ">";
    }
}
