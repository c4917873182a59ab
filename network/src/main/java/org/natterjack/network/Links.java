package org.natterjack.network;

import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.natterjack.network.api.NetworkStatus;

/** The host's links and their addresses now, from {@link NetworkInterface} (loopback left out). */
final class Links {

    private Links() {
    }

    static List<NetworkStatus.Link> now() {
        List<NetworkStatus.Link> links = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isLoopback()) {
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                    String text = a.getAddress().getHostAddress();
                    if (a.getAddress() instanceof Inet6Address) {
                        int scope = text.indexOf('%');
                        text = scope >= 0 ? text.substring(0, scope) : text;
                    }
                    addresses.add(text + "/" + a.getNetworkPrefixLength());
                }
                links.add(new NetworkStatus.Link(nic.getName(), nic.isUp(), List.copyOf(addresses)));
            }
        } catch (SocketException e) {
            return List.of();
        }
        links.sort(Comparator.comparing(NetworkStatus.Link::name));
        return List.copyOf(links);
    }
}
