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

    private static final Transport[] VALUES = values();

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

    /** The transport {@code name} spells, in any case; without allocating, as the capture asks for each message. */
    public static Transport of(String name) {
        for (Transport t : VALUES) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
