package org.natterjack.tunnel.gateway;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.natterjack.tunnel.api.TunnelSession;

/** The tunnel sessions logged in now, for the status the web admin shows. */
final class TunnelSessions {

    private final Map<GatewaySession, Boolean> open = new ConcurrentHashMap<>();

    void opened(GatewaySession session) {
        open.put(session, true);
    }

    void closed(GatewaySession session) {
        open.remove(session);
    }

    int count() {
        return open.size();
    }

    List<TunnelSession> list() {
        return open.keySet().stream().map(GatewaySession::snapshot).filter(Objects::nonNull)
                .sorted(Comparator.comparing(TunnelSession::since)).toList();
    }
}
