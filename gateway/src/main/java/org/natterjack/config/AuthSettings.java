package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Set;

/**
 * Digest authentication settings.
 *
 * @param required whether REGISTER must carry valid digest credentials; only for closed networks and benchmarks
 * @param realm realm for users added without a domain
 * @param algorithms challenge algorithms in order of preference (RFC 7616: "SHA-256", "MD5")
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
                // MD5 first: many deployed phones (and sipp) use the first challenge they see.
                algorithms == null ? List.of("MD5", "SHA-256") : algorithms,
                nonceLifetimeSeconds == null ? 300 : nonceLifetimeSeconds,
                failureLimit == null ? 10 : failureLimit,
                failureWindowSeconds == null ? 60 : failureWindowSeconds,
                blockSeconds == null ? 300 : blockSeconds);
    }
}
