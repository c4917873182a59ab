package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SIP over WebSocket (RFC 7118) for browser and WebRTC clients ({@code websocket} in the configuration file,
 * fixed at start): where to listen, plain ({@code ws://}) or over TLS ({@code wss://}), and the certificate the
 * TLS listeners serve.
 *
 * @param listen the WebSocket listeners; empty: none
 * @param keystore a PKCS#12 file with the key and certificate {@code wss://} serves; required with one
 * @param keystorePassword its password
 */
public record WebSocketSettings(List<Listener> listen, Optional<Path> keystore, String keystorePassword) {

    /** One listener: {@code ws://HOST:PORT} or {@code wss://HOST:PORT}. */
    public record Listener(boolean secure, ListenAddress address) {

        static Listener parse(String text) {
            String lower = text.trim().toLowerCase(Locale.ROOT);
            if (lower.startsWith("wss://")) {
                return new Listener(true, ListenAddress.parse(text.trim().substring(6)));
            }
            if (lower.startsWith("ws://")) {
                return new Listener(false, ListenAddress.parse(text.trim().substring(5)));
            }
            throw new IllegalArgumentException("websocket.listen: ws://HOST:PORT or wss://HOST:PORT, not '" + text
                    + "'");
        }

        @Override
        public String toString() {
            return (secure ? "wss://" : "ws://") + address;
        }
    }

    public WebSocketSettings {
        listen = List.copyOf(listen);
        if (listen.stream().anyMatch(Listener::secure) && keystore.isEmpty()) {
            throw new IllegalArgumentException("websocket.keystore: a wss:// listener needs a certificate (PKCS#12)");
        }
        if (listen.stream().map(Listener::address).distinct().count() != listen.size()) {
            throw new IllegalArgumentException("websocket.listen: an address is listed twice");
        }
    }

    public static WebSocketSettings defaults() {
        return of(null, null, null);
    }

    @JsonCreator
    static WebSocketSettings of(@JsonProperty("listen") List<String> listen,
                                @JsonProperty("keystore") String keystore,
                                @JsonProperty("keystore-password") String keystorePassword) {
        return new WebSocketSettings(listen == null ? List.of() : listen.stream().map(Listener::parse).toList(),
                Optional.ofNullable(keystore).map(Path::of), keystorePassword == null ? "" : keystorePassword);
    }
}
