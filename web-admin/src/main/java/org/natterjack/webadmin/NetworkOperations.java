package org.natterjack.webadmin;

import io.javalin.http.ConflictResponse;
import io.javalin.http.ServiceUnavailableResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.network.api.NetworkApi;
import org.natterjack.network.api.NetworkBusy;
import org.natterjack.network.api.NetworkConfig;
import org.natterjack.network.api.NetworkInvalid;
import org.natterjack.network.api.NetworkStatus;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;

/**
 * The network plug-in for pages and API, every apply and confirmation audited: 409 where it is idle, while a
 * change waits or for a confirmation at the wrong address; {@link NetworkInvalid} goes on to the caller (422 with
 * every field); 503 without the network plug-in.
 */
public final class NetworkOperations {

    private final Supplier<Optional<NetworkApi>> network;
    private final AuditLog audit;

    /** @param network looked up on each call: the network plug-in may start after the web admin */
    public NetworkOperations(Supplier<Optional<NetworkApi>> network, AuditLog audit) {
        this.network = network;
        this.audit = audit;
    }

    private NetworkApi api() {
        return network.get().orElseThrow(() -> new ServiceUnavailableResponse("the network plug-in is not running"));
    }

    public NetworkStatus status() {
        return api().status();
    }

    public NetworkStatus apply(Principal who, NetworkConfig config) throws NetworkInvalid, IOException {
        try {
            NetworkStatus before = api().status();
            NetworkStatus after = api().apply(config);
            audit.record(who.name(), "network.apply", config.mode(), before.settings(),
                    after.pending().map(NetworkStatus.Pending::settings).orElse(config));
            return after;
        } catch (NetworkBusy e) {
            throw new ConflictResponse(e.getMessage());
        }
    }

    public NetworkStatus confirm(Principal who, InetAddress via) throws IOException {
        try {
            NetworkStatus status = api().confirm(via);
            audit.record(who.name(), "network.confirm", status.settings().mode(), null,
                    Map.of("settings", status.settings(), "via", via.getHostAddress()));
            return status;
        } catch (NetworkBusy e) {
            throw new ConflictResponse(e.getMessage());
        }
    }
}
