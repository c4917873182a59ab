package org.natterjack.sip.inspect;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.Set;
import javax.sip.address.URI;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.OptionTag;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The checks RFC 3261 asks of an element before it acts on a request, in the role it acts in.
 *
 * <p>As a user agent server (the registrar, and requests addressed to the gateway itself) it checks the
 * Request-URI scheme (section 8.2.2.1) and Require (8.2.2.3; for REGISTER also 10.3 step 2). As a proxy it
 * checks the scheme (16.3 step 2) and Proxy-Require (16.3 step 5) but never Require, which is addressed to
 * the user agent at the end of the path. CANCEL and ACK are not refused for either header: RFC 3261 8.2.2.3
 * says they must be ignored there.
 *
 * <p>URI schemes: sip and sips are what the gateway serves. A proxy also lets tel through, a scheme it
 * understands (RFC 3966) without a route for it yet: the proxy answers such requests 404, as RFC 4475 3.3.3
 * advises for a scheme an element might accept later (the PSTN adapter will route numbers). Every other
 * scheme gets 416. As a user agent server only sip and sips make sense: neither the gateway itself nor a
 * registrar's domain is ever named by a tel URI.
 */
public final class RequestInspection {

    /**
     * Option tags (RFC 3261 19.2) of the extensions the gateway implements: RFC 5626 outbound (flows registered by
     * instance and reg-id, keepalives answered, flow tokens in Record-Route) and RFC 3327 path (registrations through
     * proxies, reached through them). Advertised in Supported.
     */
    public static final Set<String> SUPPORTED = Set.of("outbound", "path");

    /** RFC 3327's option tag. */
    public static final String PATH = "path";

    /** A request answered at once instead of handled: the status and, for 420, the option tags not supported. */
    public record Refusal(int status, List<String> unsupported) {

        public Refusal {
            unsupported = List.copyOf(unsupported);
        }

        /** The Unsupported header fields that must go with a 420 (RFC 3261 8.2.2.3, 16.3 step 5). */
        public List<Header> headers(HeaderFactory headers) {
            List<Header> result = new ArrayList<>();
            for (String tag : unsupported) {
                try {
                    result.add(headers.createUnsupportedHeader(tag));
                } catch (ParseException e) {
                    throw new IllegalArgumentException("option tag '" + tag + "' came from a parsed header", e);
                }
            }
            return result;
        }
    }

    /** The role the gateway plays for a request, which decides what it checks. */
    public enum Role {
        /** The registrar, or the gateway itself as addressee (OPTIONS to it). */
        USER_AGENT_SERVER,
        /** Forwarding the request (RFC 3261 section 16). */
        PROXY
    }

    private RequestInspection() {
    }

    /** The Request-URI scheme (RFC 3261 8.2.2.1, 16.3 step 2): 416 for one the role cannot serve. */
    public static Optional<Refusal> uriScheme(Request request, Role role) {
        URI uri = request.getRequestURI();
        boolean served = uri.isSipURI() || role == Role.PROXY && "tel".equalsIgnoreCase(uri.getScheme());
        return served ? Optional.empty() : Optional.of(new Refusal(Response.UNSUPPORTED_URI_SCHEME, List.of()));
    }

    /**
     * Require for a user agent server (RFC 3261 8.2.2.3), Proxy-Require for a proxy (16.3 step 5): 420 listing
     * every option tag there that is not in {@link #SUPPORTED}.
     */
    public static Optional<Refusal> extensions(Request request, Role role) {
        String method = request.getMethod();
        if (Request.CANCEL.equals(method) || Request.ACK.equals(method)) {
            return Optional.empty();
        }
        String header = role == Role.PROXY ? ProxyRequireHeader.NAME : RequireHeader.NAME;
        List<String> unsupported = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(header); it.hasNext(); ) {
            String tag = ((OptionTag) it.next()).getOptionTag();
            if (tag != null && !SUPPORTED.contains(tag) && !unsupported.contains(tag)) {
                unsupported.add(tag);
            }
        }
        return unsupported.isEmpty() ? Optional.empty() : Optional.of(new Refusal(Response.BAD_EXTENSION, unsupported));
    }
}
