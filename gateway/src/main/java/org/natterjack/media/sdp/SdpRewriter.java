package org.natterjack.media.sdp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Points an SDP body at the relay and leaves everything else alone.
 *
 * <ul>
 *   <li>Every {@code c=} line (session and media level) gets the relay address, except a hold address
 *       ({@code 0.0.0.0} or {@code ::}), which is kept so the hold keeps its meaning. The address type
 *       follows the relay address, so an IPv4 party can be bridged to an IPv6 one.</li>
 *   <li>{@code m=} ports become the relay's RTP ports; port 0 stays 0 (a disabled stream).</li>
 *   <li>{@code a=rtcp:} gets the relay's RTCP port (or its RTP port where the original named the RTP port,
 *       the RFC 5761 way of offering multiplexing) and the relay address if it named an address.</li>
 *   <li>The {@code o=} address becomes the relay address, so no private address of a party leaks.</li>
 *   <li><b>ICE is removed</b> ({@code a=candidate}, {@code a=remote-candidates}, {@code a=end-of-candidates}
 *       and every {@code a=ice-*}). The relay does not answer STUN connectivity checks; left in place,
 *       candidates would steer a full ICE agent around the relay straight at private addresses, or make
 *       its checks against the relay fail. Without ICE attributes both ends use the {@code c=}/{@code m=}
 *       address (RFC 8445 section 5.4), which is the relay. WebRTC endpoints that insist on ICE are
 *       therefore not served.</li>
 *   <li>Codecs, {@code a=rtcp-mux}, direction attributes, crypto and DTLS fingerprints, bandwidth and
 *       every line not named here stay byte for byte, in order.</li>
 * </ul>
 */
public final class SdpRewriter {

    /** Session-level attribute marking a body whose media already points at a Natterjack relay. */
    public static final String ANCHORED = "natterjack-relay";

    private SdpRewriter() {
    }

    /**
     * @throws IllegalArgumentException if the plan does not have one instruction per media description
     */
    public static Sdp rewrite(Sdp sdp, RewritePlan plan) {
        if (plan.streams().size() != sdp.media().size()) {
            throw new IllegalArgumentException("plan has " + plan.streams().size() + " streams, SDP has "
                    + sdp.media().size());
        }
        InetAddress address = plan.address();
        List<SdpLine> session = new ArrayList<>();
        for (SdpLine line : sdp.session()) {
            rewriteCommon(line, address).ifPresent(session::add);
        }
        if (plan.markAnchored() && !sdp.hasSessionAttribute(ANCHORED)) {
            insertMarker(session);
        }
        List<List<SdpLine>> media = new ArrayList<>();
        for (int i = 0; i < sdp.media().size(); i++) {
            media.add(rewriteMedia(sdp.media().get(i), plan.streams().get(i), address));
        }
        return Sdp.of(session, media);
    }

    /** True for the attributes of ICE (RFC 8839), which the rewriter removes. */
    public static boolean isIceAttribute(SdpLine line) {
        if (line.type() != 'a') {
            return false;
        }
        String name = line.attributeName().toLowerCase(Locale.ROOT);
        return name.equals("candidate") || name.equals("remote-candidates") || name.equals("end-of-candidates")
                || name.startsWith("ice-");
    }

    private static List<SdpLine> rewriteMedia(SdpMedia media, StreamRewrite what, InetAddress address) {
        List<SdpLine> out = new ArrayList<>(media.lines().size());
        SdpLine mline = media.lines().get(0);
        if (what instanceof StreamRewrite.Relay relay) {
            out.add(mline.withText(MediaLine.withPort(mline.text(), relay.rtpPort())));
        } else if (what instanceof StreamRewrite.Disable) {
            out.add(mline.withText(MediaLine.withPort(mline.text(), 0)));
        } else {
            out.add(mline);
        }
        for (SdpLine line : media.lines().subList(1, media.lines().size())) {
            if (line.isAttribute("rtcp") && media.rtcp().isPresent()) {
                rewriteRtcp(line, media, what, address).ifPresent(out::add);
            } else {
                rewriteCommon(line, address).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<SdpLine> rewriteRtcp(SdpLine line, SdpMedia media, StreamRewrite what,
                                                 InetAddress address) {
        if (what instanceof StreamRewrite.Keep) {
            return Optional.of(line);
        }
        if (!(what instanceof StreamRewrite.Relay relay)) {
            return Optional.empty(); // a disabled stream has no RTCP
        }
        RtcpAttribute rtcp = media.rtcp().orElseThrow();
        int port = rtcp.port() == media.mline().port() ? relay.rtpPort() : relay.rtcpPort();
        String connection = rtcp.connection()
                .map(c -> c.isHold() ? "IN " + c.addrType() + " " + c.address() : Connection.valueFor(address))
                .map(c -> " " + c).orElse("");
        return Optional.of(line.withText("a=rtcp:" + port + connection));
    }

    /** Lines that may appear at either level: c=, o= and ICE attributes. */
    private static Optional<SdpLine> rewriteCommon(SdpLine line, InetAddress address) {
        if (isIceAttribute(line)) {
            return Optional.empty();
        }
        if (line.type() == 'c') {
            boolean hold = parseQuietly(line.value()).map(Connection::isHold).orElse(false);
            return Optional.of(hold ? line : line.withText("c=" + Connection.valueFor(address)));
        }
        if (line.type() == 'o') {
            String[] f = SdpLine.fields(line.value());
            if (f.length == 6 && f[3].equalsIgnoreCase("IN")) {
                return Optional.of(line.withText("o=" + f[0] + " " + f[1] + " " + f[2] + " IN "
                        + Connection.addrType(address) + " " + Connection.hostText(address)));
            }
        }
        return Optional.of(line);
    }

    private static void insertMarker(List<SdpLine> session) {
        int last = session.size() - 1;
        while (last > 0 && session.get(last).isBlank()) {
            last--;
        }
        SdpLine before = session.get(last);
        if (before.eol().isEmpty()) {
            session.set(last, before.withEol("\r\n"));
            session.add(last + 1, new SdpLine("a=" + ANCHORED, ""));
        } else {
            session.add(last + 1, new SdpLine("a=" + ANCHORED, before.eol()));
        }
    }

    private static Optional<Connection> parseQuietly(String value) {
        try {
            return Optional.of(Connection.parse(value));
        } catch (SdpException e) {
            return Optional.empty();
        }
    }
}
