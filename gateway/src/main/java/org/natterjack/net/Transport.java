package org.natterjack.net;

import java.util.Locale;

/** SIP transports. Connection-oriented ones carry requests to a client back over the client's own connection. */
public enum Transport {
    UDP(false),
    TCP(true),
    TLS(true),
    /** SIP over WebSocket (RFC 7118), plain or over TLS. */
    WS(true),
    WSS(true);

    private final boolean connectionOriented;

    Transport(boolean connectionOriented) {
        this.connectionOriented = connectionOriented;
    }

    public boolean isConnectionOriented() {
        return connectionOriented;
    }

    /** The name as JAIN-SIP and the {@code transport=} URI parameter spell it. */
    public String sipName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Transport of(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
