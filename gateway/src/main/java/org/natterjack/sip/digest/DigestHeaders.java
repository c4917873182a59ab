package org.natterjack.sip.digest;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import org.natterjack.sip.auth.DigestResponse;

/**
 * Digest authentication on the wire: credentials read from Authorization or Proxy-Authorization, and
 * challenges written as WWW-Authenticate or Proxy-Authenticate. Shared by registrar (401) and proxy (407).
 */
public final class DigestHeaders {

    private DigestHeaders() {
    }

    /** The Digest credentials in header {@code headerName} offered for {@code realm}, if any. */
    public static Optional<DigestResponse> credentials(Request request, String headerName, String realm) {
        for (var it = request.getHeaders(headerName); it.hasNext(); ) {
            AuthorizationHeader h = (AuthorizationHeader) it.next();
            if ("Digest".equalsIgnoreCase(h.getScheme()) && realm.equals(h.getRealm())) {
                return Optional.of(new DigestResponse(h.getUsername(), h.getRealm(), h.getNonce(),
                        h.getParameter("uri"), h.getResponse(), h.getAlgorithm(), h.getQop(), h.getCNonce(),
                        Math.max(h.getNonceCount(), 0)));
            }
        }
        return Optional.empty();
    }

    /**
     * Removes the credentials in header {@code headerName} offered for {@code realm}, keeping those for other
     * realms (RFC 3261 22.3: a proxy consumes its own credentials; the next hop must not see them, as an
     * offline guess at the password could start from them).
     */
    public static void consumeCredentials(Request request, String headerName, String realm) {
        List<Header> others = new ArrayList<>();
        boolean found = false;
        for (var it = request.getHeaders(headerName); it.hasNext(); ) {
            AuthorizationHeader h = (AuthorizationHeader) it.next();
            if (realm.equals(h.getRealm())) {
                found = true;
            } else {
                others.add(h);
            }
        }
        if (found) {
            request.removeHeader(headerName);
            others.forEach(request::addHeader);
        }
    }

    /** One challenge header named {@code headerName} per value. */
    public static List<Header> challenges(HeaderFactory headers, String headerName, List<String> values) {
        List<Header> challenges = new ArrayList<>();
        for (String value : values) {
            try {
                challenges.add(headers.createHeader(headerName, value));
            } catch (ParseException e) {
                throw new IllegalStateException("own challenge did not parse: " + value, e);
            }
        }
        return challenges;
    }
}
