package org.natterjack.network;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.network.api.NetworkApi;
import org.natterjack.network.api.NetworkBusy;
import org.natterjack.network.api.NetworkConfig;
import org.natterjack.network.api.NetworkStatus;

/** The plug-in where it stays idle (not an appliance): the page says why and shows the links, changes are refused. */
final class IdleNetwork implements NetworkApi {

    private final String reason;
    private final Supplier<List<NetworkStatus.Link>> links;

    IdleNetwork(String reason, Supplier<List<NetworkStatus.Link>> links) {
        this.reason = reason;
        this.links = links;
    }

    @Override
    public NetworkStatus status() {
        return new NetworkStatus(false, reason, NetworkConfig.dhcpEverywhere(), links.get(), Optional.empty(),
                Optional.empty(), 0);
    }

    @Override
    public NetworkStatus apply(NetworkConfig config) throws NetworkBusy {
        throw new NetworkBusy(reason);
    }

    @Override
    public NetworkStatus confirm(InetAddress via) throws NetworkBusy {
        throw new NetworkBusy(reason);
    }
}
