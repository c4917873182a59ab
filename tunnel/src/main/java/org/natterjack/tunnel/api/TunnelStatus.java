package org.natterjack.tunnel.api;

import java.util.List;

/**
 * The tunnel endpoint now.
 *
 * @param running whether it listens now (switched on and started)
 * @param listen where agents connect, e.g. {@code 0.0.0.0:4443}; empty while it does not run
 * @param fingerprint the SHA-256 fingerprint of its certificate, as agents pin it; empty while it does not run
 * @param sessions the sessions logged in now, oldest first
 */
public record TunnelStatus(boolean running, String listen, String fingerprint, List<TunnelSession> sessions) {

    public TunnelStatus {
        sessions = List.copyOf(sessions);
    }

    public static TunnelStatus off() {
        return new TunnelStatus(false, "", "", List.of());
    }
}
