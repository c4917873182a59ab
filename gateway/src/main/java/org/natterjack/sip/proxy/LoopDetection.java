package org.natterjack.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.natterjack.net.IpLiteral;
import org.natterjack.sip.transport.SipSocket;

/**
 * Loop detection by branch parameter (RFC 3261 16.3 step 4 and 16.6 step 8). Every branch we create carries
 * a hash of what decides where a request goes; a request that arrives with one of our own Vias whose hash
 * equals the hash of the request now has been here before unchanged — a loop, answered 482. A request
 * that comes back changed (another Request-URI or route, for instance after a redirect) is a spiral and
 * proceeds, limited by Max-Forwards like everything else.
 *
 * <p>The hash is taken after our own Route entries have been removed, so that a static route pointing back
 * at this gateway is recognised on its first return rather than after 70 hops.
 */
public final class LoopDetection {

    /** Our branches: magic cookie, marker, loop hash, a dot, then a per-branch counter for uniqueness. */
    private static final String PREFIX = "z9hG4bKnj";
    private static final int HASH_CHARS = 16;

    private final Set<String> ownSentBy;
    private final AtomicLong counter = new AtomicLong(System.nanoTime());

    /** @param ownSentBy the {@code host:port} values this gateway puts in its Vias, lower case */
    LoopDetection(Set<String> ownSentBy) {
        this.ownSentBy = Set.copyOf(ownSentBy);
    }

    /** Loop detection for the Vias written on {@code sockets}. */
    public static LoopDetection forSockets(List<SipSocket> sockets) {
        return new LoopDetection(sockets.stream()
                .map(s -> IpLiteral.uriHost(s.advertised()).toLowerCase(Locale.ROOT) + ":" + s.local().getPort())
                .collect(Collectors.toSet()));
    }

    /** A fresh branch for forwarding {@code received} (as received, minus our own Routes). */
    String branch(Request received) {
        return PREFIX + hash(received) + "." + Long.toHexString(counter.incrementAndGet());
    }

    /** True if {@code received} went through this gateway before and has not changed since. */
    boolean isLoop(Request received) {
        String hash = null;
        for (Iterator<?> vias = received.getHeaders(ViaHeader.NAME); vias.hasNext(); ) {
            ViaHeader via = (ViaHeader) vias.next();
            String branch = via.getBranch();
            if (branch == null || !branch.startsWith(PREFIX) || !isOwn(via)) {
                continue;
            }
            if (hash == null) {
                hash = hash(received);
            }
            if (branch.startsWith(hash, PREFIX.length())) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code via} carries a sent-by this gateway writes into its Vias. */
    boolean isOwn(ViaHeader via) {
        int port = via.getPort() > 0 ? via.getPort() : 5060;
        String host = via.getHost().toLowerCase(Locale.ROOT);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return ownSentBy.contains(host + ":" + port);
    }

    private static String hash(Request request) {
        StringBuilder text = new StringBuilder(256)
                .append(request.getRequestURI()).append('\n')
                .append(((FromHeader) request.getHeader(FromHeader.NAME)).getTag()).append('\n')
                .append(((ToHeader) request.getHeader(ToHeader.NAME)).getTag()).append('\n')
                .append(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId()).append('\n')
                .append(((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber()).append('\n');
        appendAll(text, request.getHeaders(RouteHeader.NAME));
        appendAll(text, request.getHeaders(ProxyRequireHeader.NAME));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void appendAll(StringBuilder text, Iterator<?> headers) {
        while (headers.hasNext()) {
            text.append(((Header) headers.next()).toString().trim()).append('\n');
        }
    }
}
