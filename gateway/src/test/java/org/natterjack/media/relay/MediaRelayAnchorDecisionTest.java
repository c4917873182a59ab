package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpException;

/** When the proxy anchors a call's media (AnchorDecision). */
class MediaRelayAnchorDecisionTest {

    /** Our relay: 203.0.113.5, ports 40000-40999. */
    private static final Predicate<InetSocketAddress> OURS = a -> a.getAddress().equals(Phone.ip("203.0.113.5"))
            && a.getPort() >= 40000 && a.getPort() <= 40999;
    private static final byte[] PUBLIC = Calls.audio("198.51.100.7", 4000);
    private static final byte[] MARKED = ("v=0\r\nc=IN IP4 198.51.100.20\r\na=natterjack-relay\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final Optional<ProtocolFamily> V4 = Optional.of(StandardProtocolFamily.INET);
    private static final Optional<ProtocolFamily> V6 = Optional.of(StandardProtocolFamily.INET6);

    private static AnchorDecision decide(byte[] offer, boolean offererNated, boolean answererNated,
                                         Optional<ProtocolFamily> family) {
        return AnchorDecision.decide(true, false, OURS, parsed(offer), offererNated, answererNated, family);
    }

    /** The offer as the proxy hands it over: parsed, or empty when it does not parse. */
    private static Optional<Sdp> parsed(byte[] offer) {
        try {
            return Optional.of(Sdp.parse(offer));
        } catch (SdpException e) {
            return Optional.empty();
        }
    }

    @Test
    void anchorsWhenEitherPartyIsNated() {
        assertEquals(AnchorDecision.ANCHOR, decide(PUBLIC, true, false, V4));
        assertEquals(AnchorDecision.ANCHOR, decide(PUBLIC, false, true, V4));
        assertEquals(AnchorDecision.NOT_NEEDED, decide(PUBLIC, false, false, V4));
    }

    @Test
    void alwaysAnchorPolicy() {
        assertEquals(AnchorDecision.ANCHOR, AnchorDecision.decide(true, true, OURS, parsed(PUBLIC), false, false, V4));
    }

    @Test
    void offerFromAnotherNatterjackRelayIsLeftAlone() {
        assertEquals(AnchorDecision.ALREADY_ANCHORED, decide(MARKED, false, true, V4));
        assertEquals(AnchorDecision.ALREADY_ANCHORED, AnchorDecision.decide(true, true, OURS, parsed(MARKED), true, true, V4));
    }

    @Test
    void offerPointingAtOurOwnRelayIsLeftAlone() {
        assertEquals(AnchorDecision.ALREADY_ANCHORED, decide(Calls.audio("203.0.113.5", 40000), true, true, V4));
    }

    @Test
    void aPartyOnTheGatewaysOwnHostIsStillAnchored() {
        assertEquals(AnchorDecision.ANCHOR, decide(Calls.audio("203.0.113.5", 10000), false, true, V4),
                "same address as the relay, but not one of its ports (Asterisk on the appliance, say)");
    }

    @Test
    void familiesThatDifferNeedTheRelayEvenIfAnchoredElsewhere() {
        assertEquals(AnchorDecision.ANCHOR, decide(PUBLIC, false, false, V6));
        assertEquals(AnchorDecision.ANCHOR, decide(MARKED, false, false, V6));
        assertEquals(AnchorDecision.NOT_NEEDED, decide(Calls.audio("2001:db8::7", 4000), false, false, V6));
    }

    @Test
    void malformedOfferIsAnchoredOnlyWhenItWouldBeSoTheOfferGetsItsError() {
        byte[] junk = "not sdp".getBytes(StandardCharsets.US_ASCII);

        assertEquals(AnchorDecision.ANCHOR, decide(junk, true, false, V4));
        assertEquals(AnchorDecision.NOT_NEEDED, decide(junk, false, false, V4));
    }

    @Test
    void disabledRelayNeverAnchors() {
        assertEquals(AnchorDecision.DISABLED, AnchorDecision.decide(false, true, OURS, parsed(PUBLIC), true, true, V4));
    }
}
