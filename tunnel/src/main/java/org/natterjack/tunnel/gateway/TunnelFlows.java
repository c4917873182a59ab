package org.natterjack.tunnel.gateway;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tunnel flows alive now (open or parked), by their resume token. */
final class TunnelFlows {

    private final Map<String, TunnelFlow> byToken = new ConcurrentHashMap<>();

    void add(TunnelFlow flow) {
        byToken.put(flow.token(), flow);
        flow.onClosed(() -> byToken.remove(flow.token(), flow));
    }

    /** The flow a resumed login of {@code user} may take over. */
    Optional<TunnelFlow> resumable(String token, String user) {
        return Optional.ofNullable(byToken.get(token)).filter(f -> f.user().equals(user));
    }

    /** Ends every flow (the plug-in stops). */
    void closeAll() {
        byToken.values().forEach(TunnelFlow::close);
    }
}
