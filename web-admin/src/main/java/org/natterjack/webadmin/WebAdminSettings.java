package org.natterjack.webadmin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.Optional;
import org.natterjack.config.ListenAddress;

/**
 * The web admin's settings ({@code plugins.web-admin}), fixed at start.
 *
 * @param enabled false: no web admin at all
 * @param listen where HTTPS is served
 * @param certificate a PEM certificate (chain) to serve instead of the generated self-signed one
 * @param privateKey the PEM private key of {@code certificate}
 * @param keystore a PKCS#12 file with key and certificate, instead of PEM files
 * @param sessionIdleMinutes a session unused this long ends
 * @param loginFailureLimit failed logins for one account before it is locked ...
 * @param lockoutMinutes ... for this long
 */
public record WebAdminSettings(boolean enabled, ListenAddress listen, Optional<Path> certificate,
                               Optional<Path> privateKey, Optional<Path> keystore, String keystorePassword,
                               int sessionIdleMinutes, int loginFailureLimit, int lockoutMinutes) {

    public WebAdminSettings {
        if (certificate.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("certificate and private-key go together");
        }
        if (certificate.isPresent() && keystore.isPresent()) {
            throw new IllegalArgumentException("give either certificate and private-key (PEM) or keystore (PKCS#12)");
        }
        if (sessionIdleMinutes < 1 || loginFailureLimit < 1 || lockoutMinutes < 1) {
            throw new IllegalArgumentException("session-idle-minutes, login-failure-limit and lockout-minutes must be"
                    + " positive");
        }
    }

    public static WebAdminSettings defaults() {
        return of(null, null, null, null, null, null, null, null, null);
    }

    @JsonCreator
    static WebAdminSettings of(@JsonProperty("enabled") Boolean enabled,
                               @JsonProperty("listen") String listen,
                               @JsonProperty("certificate") String certificate,
                               @JsonProperty("private-key") String privateKey,
                               @JsonProperty("keystore") String keystore,
                               @JsonProperty("keystore-password") String keystorePassword,
                               @JsonProperty("session-idle-minutes") Integer sessionIdleMinutes,
                               @JsonProperty("login-failure-limit") Integer loginFailureLimit,
                               @JsonProperty("lockout-minutes") Integer lockoutMinutes) {
        return new WebAdminSettings(enabled == null || enabled,
                ListenAddress.parse(listen == null ? "0.0.0.0:8443" : listen),
                Optional.ofNullable(certificate).map(Path::of), Optional.ofNullable(privateKey).map(Path::of),
                Optional.ofNullable(keystore).map(Path::of), keystorePassword == null ? "" : keystorePassword,
                sessionIdleMinutes == null ? 30 : sessionIdleMinutes,
                loginFailureLimit == null ? 5 : loginFailureLimit, lockoutMinutes == null ? 15 : lockoutMinutes);
    }
}
