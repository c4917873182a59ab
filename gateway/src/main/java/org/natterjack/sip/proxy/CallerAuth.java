package org.natterjack.sip.proxy;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.message.Request;
import org.natterjack.config.LocalDomains;
import org.natterjack.config.ProxySettings;
import org.natterjack.net.Flow;
import org.natterjack.sip.digest.DigestFront;

/**
 * Who is calling: a trusted peer (by source address), a local user who proved it with Proxy-Authorization
 * (anyone whose From names a local domain must), or an outside caller, who may only reach local users.
 */
public final class CallerAuth {

    /** The verdict on the sender of an initial request. */
    sealed interface Caller {
        /** A trusted peer or an authenticated local user: may use every route. */
        record Known(String who) implements Caller {
        }

        /** An outside caller: may reach local users only. */
        record Outside() implements Caller {
        }

        /** Must (re)authenticate: answer 407 with a challenge. */
        record Challenge(boolean stale) implements Caller {
        }

        /** Refused outright. */
        record Refused(int status, String reason) implements Caller {
        }
    }

    private final DigestFront digest;
    private final LocalDomains domains;
    private final Supplier<ProxySettings> proxy;

    /** @param digest the digest front in its {@link DigestFront.Role#PROXY} role */
    public CallerAuth(DigestFront digest, LocalDomains domains, Supplier<ProxySettings> proxy) {
        this.digest = digest;
        this.domains = domains;
        this.proxy = proxy;
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
        String host = fromUri.getHost().toLowerCase(Locale.ROOT);
        DigestFront.Verdict verdict = digest.check(request, fromUri.getUser(), host, flow.remote().getAddress());
        if (verdict instanceof DigestFront.Verdict.Authenticated) {
            return new Caller.Known(fromUri.getUser() + "@" + host);
        }
        if (verdict instanceof DigestFront.Verdict.Blocked) {
            return new Caller.Refused(403, "Too many failed authentications");
        }
        return new Caller.Challenge(verdict instanceof DigestFront.Verdict.Challenge c && c.stale());
    }

    /** The status (407) and headers of the answer to a {@link Caller.Challenge}. */
    int challengeStatus() {
        return digest.role().challengeStatus();
    }

    List<Header> challenge(Caller.Challenge challenge) {
        return digest.challenge(challenge.stale());
    }
}
