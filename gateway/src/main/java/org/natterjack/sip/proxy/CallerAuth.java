package org.natterjack.sip.proxy;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import org.natterjack.config.AuthSettings;
import org.natterjack.config.LocalDomains;
import org.natterjack.config.ProxySettings;
import org.natterjack.net.Flow;
import org.natterjack.sip.auth.AuthFailureThrottle;
import org.natterjack.sip.auth.AuthResult;
import org.natterjack.sip.auth.DigestAuthenticator;
import org.natterjack.sip.auth.DigestResponse;
import org.natterjack.sip.auth.UserDirectory;
import org.natterjack.sip.digest.DigestHeaders;

/**
 * Who is calling: a trusted peer (by source address), a local user who proved it with Proxy-Authorization
 * (anyone whose From names a local domain must), or an outside caller, who may only reach local users.
 */
public final class CallerAuth {

    /** The challenge values (for Proxy-Authenticate) of a {@link Caller.Challenge}. */
    java.util.List<String> challenges(Caller.Challenge challenge) {
        return authenticator.challenges(challenge.realm(), challenge.stale());
    }

    /** The verdict on the sender of an initial request. */
    sealed interface Caller {
        /** A trusted peer or an authenticated local user: may use every route. */
        record Known(String who) implements Caller {
        }

        /** An outside caller: may reach local users only. */
        record Outside() implements Caller {
        }

        /** Must (re)authenticate: answer 407 with a challenge for this realm. */
        record Challenge(String realm, boolean stale) implements Caller {
        }

        /** Refused outright. */
        record Refused(int status, String reason) implements Caller {
        }
    }

    private final DigestAuthenticator authenticator;
    private final UserDirectory users;
    private final AuthFailureThrottle throttle;
    private final LocalDomains domains;
    private final Supplier<ProxySettings> proxy;
    private final Supplier<AuthSettings> auth;

    public CallerAuth(DigestAuthenticator authenticator, UserDirectory users, AuthFailureThrottle throttle,
               LocalDomains domains, Supplier<ProxySettings> proxy, Supplier<AuthSettings> auth) {
        this.authenticator = authenticator;
        this.users = users;
        this.throttle = throttle;
        this.domains = domains;
        this.proxy = proxy;
        this.auth = auth;
    }

    Caller check(Request request, Flow flow) {
        if (proxy.get().isTrusted(flow.remote().getAddress())) {
            return new Caller.Known("trusted peer " + flow.remote().getAddress().getHostAddress());
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        if (!(from.getAddress().getURI() instanceof SipURI fromUri) || !domains.contains(fromUri.getHost())
                || fromUri.getUser() == null) {
            return new Caller.Outside();
        }
        AuthSettings auth = this.auth.get();
        if (!auth.required()) {
            return new Caller.Known(fromUri.getUser());
        }
        if (throttle.isBlocked(flow.remote().getAddress())) {
            return new Caller.Refused(403, "Too many failed authentications");
        }
        String host = fromUri.getHost().toLowerCase(Locale.ROOT);
        // One realm for everyone: a challenge must not tell whether the user exists.
        String realm = auth.realm();
        Optional<DigestResponse> credentials = DigestHeaders.credentials(request, ProxyAuthorizationHeader.NAME,
                realm);
        if (credentials.isEmpty()) {
            return new Caller.Challenge(realm, false);
        }
        AuthResult verdict = authenticator.verify(request.getMethod(), credentials.get(),
                users.find(fromUri.getUser(), host));
        return switch (verdict) {
            case VALID -> new Caller.Known(fromUri.getUser() + "@" + host);
            case STALE -> new Caller.Challenge(realm, true);
            case REPLAYED -> new Caller.Challenge(realm, false);
            case INVALID -> {
                // An ACK repeats its INVITE's credentials (RFC 3261 13.2.2.4), computed for another method:
                // not a wrong password, and an ACK cannot be challenged anyway.
                if (!Request.ACK.equals(request.getMethod())) {
                    throttle.recordFailure(flow.remote().getAddress(), "sip:" + fromUri.getUser() + "@" + host);
                }
                yield new Caller.Challenge(realm, false);
            }
        };
    }
}
