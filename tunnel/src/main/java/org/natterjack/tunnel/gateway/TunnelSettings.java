package org.natterjack.tunnel.gateway;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.natterjack.config.ListenAddress;

/**
 * The tunnel endpoint's settings ({@code plugins.tunnel}), fixed at start.
 *
 * @param enabled false: no tunnel listener
 * @param listen where agents connect (HTTPS, WebSocket at {@code /tunnel})
 * @param certificate a PEM certificate (chain) to serve instead of the generated self-signed one
 * @param privateKey the PEM (PKCS#8) private key of {@code certificate}
 * @param ping how often each side pings when it has sent nothing else
 * @param deadAfter a session from which nothing arrived for this long is closed (its flow is dead)
 * @param loginWithin a connection not logged in this long after it opened is closed
 * @param resumeWithin a dropped session's dialogs and media wait this long for the agent to come back
 */
public record TunnelSettings(boolean enabled, ListenAddress listen, Optional<Path> certificate,
                             Optional<Path> privateKey, Duration ping, Duration deadAfter, Duration loginWithin,
                             Duration resumeWithin) {

    public TunnelSettings {
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("certificate and private-key go together");
        }
        if (ping.isNegative() || ping.isZero() || deadAfter.compareTo(ping.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("ping-seconds must be positive and dead-seconds at least twice it");
        }
        if (loginWithin.isNegative() || loginWithin.isZero()) {
            throw new IllegalArgumentException("login-seconds must be positive");
        }
        if (resumeWithin.isNegative()) {
            throw new IllegalArgumentException("resume-seconds must not be negative");
        }
    }

    @JsonCreator
    static TunnelSettings of(@JsonProperty("enabled") Boolean enabled,
                             @JsonProperty("listen") String listen,
                             @JsonProperty("certificate") String certificate,
                             @JsonProperty("private-key") String privateKey,
                             @JsonProperty("ping-seconds") Integer pingSeconds,
                             @JsonProperty("dead-seconds") Integer deadSeconds,
                             @JsonProperty("login-seconds") Integer loginSeconds,
                             @JsonProperty("resume-seconds") Integer resumeSeconds) {
        return new TunnelSettings(enabled != null && enabled,
                ListenAddress.parse(listen == null ? "0.0.0.0:4443" : listen),
                Optional.ofNullable(certificate).map(Path::of), Optional.ofNullable(privateKey).map(Path::of),
                Duration.ofSeconds(pingSeconds == null ? 5 : pingSeconds),
                Duration.ofSeconds(deadSeconds == null ? 15 : deadSeconds),
                Duration.ofSeconds(loginSeconds == null ? 5 : loginSeconds),
                Duration.ofSeconds(resumeSeconds == null ? 30 : resumeSeconds));
    }
}
