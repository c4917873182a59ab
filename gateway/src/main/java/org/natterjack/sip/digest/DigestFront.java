package org.natterjack.sip.digest;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.config.AuthSettings;
import org.natterjack.sip.auth.AuthFailureThrottle;
import org.natterjack.sip.auth.AuthResult;
import org.natterjack.sip.auth.DigestAuthenticator;
import org.natterjack.sip.auth.DigestResponse;
import org.natterjack.sip.auth.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digest check in front of the registrar and the proxy (RFC 3261 22): the failure throttle, the
 * credentials for our realm, their verification, and the challenge. The two differ only in their headers
 * and status ({@link Role}); what to do with each {@link Verdict} is theirs.
 */
public final class DigestFront {

    private static final Logger LOG = LoggerFactory.getLogger(DigestFront.class);

    /** Who asks for the credentials: the headers they travel in and the status of the challenge. */
    public enum Role {
        /** The registrar, a user agent server: Authorization, 401 with WWW-Authenticate. */
        REGISTRAR(AuthorizationHeader.NAME, WWWAuthenticateHeader.NAME, Response.UNAUTHORIZED),
        /** The proxy: Proxy-Authorization, 407 with Proxy-Authenticate. */
        PROXY(ProxyAuthorizationHeader.NAME, ProxyAuthenticateHeader.NAME, Response.PROXY_AUTHENTICATION_REQUIRED);

        private final String credentialsHeader;
        private final String challengeHeader;
        private final int challengeStatus;

        Role(String credentialsHeader, String challengeHeader, int challengeStatus) {
            this.credentialsHeader = credentialsHeader;
            this.challengeHeader = challengeHeader;
            this.challengeStatus = challengeStatus;
        }

        public int challengeStatus() {
            return challengeStatus;
        }
    }

    /** The outcome for one request. */
    public sealed interface Verdict {
        /** Valid credentials, or none needed ({@code auth.required} is false). */
        record Authenticated() implements Verdict {
        }

        /** No usable credentials: answer the challenge ({@code stale}: the nonce expired, the password was right). */
        record Challenge(boolean stale) implements Verdict {
        }

        /**
         * A nonce count seen before: a retransmission of a request already answered, or a replay. Not counted
         * as a failure (a replay cannot guess a password, and under load a retransmission can overtake its
         * original); the caller answers it as it can, else with a fresh challenge.
         */
        record Replayed() implements Verdict {
        }

        /** Too many failures from this address lately: 403 without looking at the credentials. */
        record Blocked() implements Verdict {
        }
    }

    private final Role role;
    private final DigestAuthenticator authenticator;
    private final UserDirectory users;
    private final AuthFailureThrottle throttle;
    private final Supplier<AuthSettings> auth;
    private final HeaderFactory headers;

    public DigestFront(Role role, DigestAuthenticator authenticator, UserDirectory users, AuthFailureThrottle throttle,
                       Supplier<AuthSettings> auth, HeaderFactory headers) {
        this.role = role;
        this.authenticator = authenticator;
        this.users = users;
        this.throttle = throttle;
        this.auth = auth;
        this.headers = headers;
    }

    public Role role() {
        return role;
    }

    /**
     * Checks the credentials of {@code request} from {@code source} for {@code user} in {@code domain}
     * (lower case). A wrong answer counts towards the throttle, except on an ACK: it repeats its INVITE's
     * credentials (RFC 3261 13.2.2.4), computed for another method, and cannot be challenged anyway.
     */
    public Verdict check(Request request, String user, String domain, InetAddress source) {
        if (throttle.isBlocked(source)) {
            return new Verdict.Blocked();
        }
        AuthSettings settings = auth.get();
        if (!settings.required()) {
            return new Verdict.Authenticated();
        }
        // One realm for everyone: a challenge must not tell whether the user exists.
        Optional<DigestResponse> credentials = DigestHeaders.credentials(request, role.credentialsHeader,
                settings.realm());
        if (credentials.isEmpty()) {
            return new Verdict.Challenge(false);
        }
        AuthResult verdict = authenticator.verify(request.getMethod(), credentials.get(), users.find(user, domain));
        return switch (verdict) {
            case VALID -> new Verdict.Authenticated();
            case STALE -> new Verdict.Challenge(true);
            case REPLAYED -> new Verdict.Replayed();
            case INVALID -> {
                if (!Request.ACK.equals(request.getMethod())) {
                    String aor = "sip:" + user + "@" + domain;
                    LOG.info("Failed authentication for {} (user '{}') from {}", aor, credentials.get().username(),
                            source.getHostAddress());
                    throttle.recordFailure(source, aor);
                }
                yield new Verdict.Challenge(false);
            }
        };
    }

    /** The challenge headers (WWW-Authenticate or Proxy-Authenticate) for the current realm. */
    public List<Header> challenge(boolean stale) {
        return DigestHeaders.challenges(headers, role.challengeHeader,
                authenticator.challenges(auth.get().realm(), stale));
    }
}
