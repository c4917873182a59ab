package org.natterjack.webadmin;

import java.util.Optional;
import java.util.function.Supplier;
import org.natterjack.tunnel.api.TunnelApi;
import org.natterjack.tunnel.api.TunnelStatus;
import org.natterjack.webadmin.audit.AuditLog;

/** The tunnel for pages and API: its listener and sessions, and its on/off switch. */
public final class TunnelOperations {

    private static final SwitchOperations.Subject ENDPOINT = new SwitchOperations.Subject("tunnel", "Tunnel",
            "Tunnel", "tunnel.switch");

    private final Supplier<Optional<TunnelApi>> tunnel;
    private final SwitchOperations endpoint;

    /** @param tunnel looked up on each call: the tunnel plug-in may start after the web admin, or not be installed */
    public TunnelOperations(Supplier<Optional<TunnelApi>> tunnel, AuditLog audit) {
        this.tunnel = tunnel;
        this.endpoint = new SwitchOperations(ENDPOINT, tunnel, audit);
    }

    /** Off (nothing listening, no sessions) while it does not run or is not installed. */
    public TunnelStatus status() {
        return tunnel.get().map(TunnelApi::status).orElseGet(TunnelStatus::off);
    }

    /** The endpoint's on/off switch. */
    public SwitchOperations endpoint() {
        return endpoint;
    }
}
