package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;

/**
 * Digest authentication settings.
 *
 * @param required whether REGISTER must carry valid digest credentials; only for closed networks and benchmarks
 * @param realm the realm of every challenge, whatever the user or domain (so that a challenge tells nothing
 *              about the user); part of every stored password hash, so changing it needs new passwords
 * @param algorithms challenge algorithms, one challenge each, in this order (RFC 7616: "MD5", "SHA-256")
 * @param nonceLifetimeSeconds a nonce older than this is answered with stale=true
 * @param failureLimit failed authentications from one source address within the window before it is blocked
 * @param failureWindowSeconds window over which failures are counted
 * @param blockSeconds how long a blocked source address is refused
 */
public record AuthSettings(boolean required, String realm, List<String> algorithms, int nonceLifetimeSeconds,
                           int failureLimit, int failureWindowSeconds, int blockSeconds) {

    private static final Set<String> KNOWN_ALGORITHMS = Set.of("MD5", "SHA-256");

    public AuthSettings {
        if (realm == null || realm.isBlank() || realm.contains("\"")) {
            throw new IllegalArgumentException("auth.realm must be a non-empty string without quotes");
        }
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty() || !KNOWN_ALGORITHMS.containsAll(algorithms)) {
            throw new IllegalArgumentException("auth.algorithms must list one or more of " + KNOWN_ALGORITHMS
                    + ", got " + algorithms);
        }
        if (nonceLifetimeSeconds < 10) {
            throw new IllegalArgumentException("auth.nonce-lifetime-seconds must be at least 10");
        }
        if (failureLimit < 1 || failureWindowSeconds < 1 || blockSeconds < 1) {
            throw new IllegalArgumentException(
                    "auth.failure-limit, auth.failure-window-seconds and auth.block-seconds must be positive");
        }
    }

    public static AuthSettings defaults() {
        return of(null, null, null, null, null, null, null);
    }

    @JsonCreator
    static AuthSettings of(@JsonProperty("required") Boolean required,
                           @JsonProperty("realm") String realm,
                           @JsonProperty("algorithms") List<String> algorithms,
                           @JsonProperty("nonce-lifetime-seconds") Integer nonceLifetimeSeconds,
                           @JsonProperty("failure-limit") Integer failureLimit,
                           @JsonProperty("failure-window-seconds") Integer failureWindowSeconds,
                           @JsonProperty("block-seconds") Integer blockSeconds) {
        return new AuthSettings(
                required == null || required,
                realm == null ? "natterjack" : realm,
                // MD5 alone: baresip/libre and older phone firmware give up on a 401 with several challenges
                // instead of skipping the ones they cannot use (RFC 8760 section 2.4 says to skip them).
                algorithms == null ? List.of("MD5") : algorithms,
                nonceLifetimeSeconds == null ? 300 : nonceLifetimeSeconds,
                failureLimit == null ? 10 : failureLimit,
                failureWindowSeconds == null ? 60 : failureWindowSeconds,
                blockSeconds == null ? 300 : blockSeconds);
    }
}
