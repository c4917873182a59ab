package org.natterjack.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;

class FlowTokensTest {

    private final FlowTokens tokens = new FlowTokens("a key for tests only".getBytes(StandardCharsets.UTF_8));
    private final Flow flow = Flow.of(Transport.UDP, new InetSocketAddress("192.0.2.1", 5060),
            new InetSocketAddress("203.0.113.7", 41000));

    @Test
    void flowRoundTripsWithinItsDialog() {
        String token = tokens.encode(Optional.of(flow), "call-1@host");
        assertEquals(Optional.of(new FlowTokens.Verified(Optional.of(flow))), tokens.decode(token, "call-1@host"));
    }

    @Test
    void ipv6FlowRoundTrips() {
        Flow v6 = Flow.of(Transport.TCP, new InetSocketAddress("2001:db8::1", 5060),
                new InetSocketAddress("2001:db8::77", 50123));
        String token = tokens.encode(Optional.of(v6), "c");
        assertEquals(Optional.of(v6), tokens.decode(token, "c").orElseThrow().flow());
    }

    @Test
    void tokenWithoutFlowVerifiesAsSuch() {
        String token = tokens.encode(Optional.empty(), "call-2");
        assertEquals(Optional.of(new FlowTokens.Verified(Optional.empty())), tokens.decode(token, "call-2"));
    }

    @Test
    void escapedTokenVerifies() {
        // RFC 3261 19.1.4: "%5a" in a user part is "Z"; Twinkle 1.10.2 echoes Record-Route users so escaped.
        String token = tokens.encode(Optional.of(flow), "call-3");
        StringBuilder escaped = new StringBuilder();
        token.chars().forEach(c -> escaped.append(String.format("%%%02x", c)));
        assertEquals(Optional.of(new FlowTokens.Verified(Optional.of(flow))), tokens.decode(escaped.toString(), "call-3"));
        for (String broken : new String[] {token + "%", token + "%5", token + "%zz"}) {
            assertTrue(tokens.decode(broken, "call-3").isEmpty(), broken);
        }
    }

    @Test
    void tokenOfAnotherDialogDoesNotVerify() {
        assertTrue(tokens.decode(tokens.encode(Optional.of(flow), "call-1"), "call-2").isEmpty());
        assertTrue(tokens.decode(tokens.encode(Optional.empty(), "call-1"), "call-2").isEmpty());
    }

    @Test
    void tamperedTokenDoesNotVerify() {
        byte[] raw = Base64.getUrlDecoder().decode(tokens.encode(Optional.of(flow), "c"));
        raw[3] ^= 1; // one bit of the remote address
        assertTrue(tokens.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "c").isEmpty());
    }

    @Test
    void tokenSignedWithAnotherKeyDoesNotVerify() {
        FlowTokens other = new FlowTokens("another key".getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.decode(other.encode(Optional.of(flow), "c"), "c").isEmpty());
    }

    @Test
    void garbageIsNoToken() {
        for (String garbage : new String[] {"", "x", "alice", "!!!", "AAAAAAAAAAAAAAAAAAAAAAAA", "_-_-"}) {
            assertTrue(tokens.decode(garbage, "c").isEmpty(), garbage);
        }
    }
}
