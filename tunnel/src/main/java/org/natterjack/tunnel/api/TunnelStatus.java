package org.natterjack.tunnel.api;

import java.util.List;

/**
 * The tunnel endpoint now.
 *
 * @param enabled whether it listens at all ({@code plugins.tunnel.enabled})
 * @param listen where agents connect, e.g. {@code 0.0.0.0:4443}; empty when off
 * @param fingerprint the SHA-256 fingerprint of its certificate, as agents pin it; empty when off
 * @param sessions the sessions logged in now, oldest first
 */
public record TunnelStatus(boolean enabled, String listen, String fingerprint, List<TunnelSession> sessions) {

    public TunnelStatus {
        sessions = List.copyOf(sessions);
    }

    public static TunnelStatus off() {
        return new TunnelStatus(false, "", "", List.of());
    }
}
