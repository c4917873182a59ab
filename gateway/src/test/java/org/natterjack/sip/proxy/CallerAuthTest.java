package org.natterjack.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.AuthSettings;
import org.natterjack.config.LocalDomains;
import org.natterjack.config.ProxySettings;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.sip.auth.AuthFailureThrottle;
import org.natterjack.sip.auth.DigestAuthenticator;
import org.natterjack.sip.auth.NonceService;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.sip.digest.DigestFront;
import org.natterjack.testing.MutableClock;

class CallerAuthTest {

    private static final Flow FROM_NAT = Flow.of(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060),
            new InetSocketAddress("203.0.113.1", 5060));
    private static MessageFactory messages;

    private final MutableClock clock = new MutableClock();
    private final AuthSettings auth = new AuthSettings(true, "natterjack", List.of("MD5"), 300, 3, 60, 300);
    private final AuthFailureThrottle throttle = new AuthFailureThrottle(() -> auth, clock);
    private final SipUser alice = SipUser.withPassword("alice", "", "natterjack", "secret");
    private CallerAuth callerAuth;

    @BeforeAll
    static void factory() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
    }

    @BeforeEach
    void front() throws Exception {
        callerAuth = new CallerAuth(new DigestFront(DigestFront.Role.PROXY,
                new DigestAuthenticator(new NonceService(() -> Duration.ofMinutes(5), clock), () -> auth),
                (user, domain) -> user.equals("alice") ? Optional.of(alice) : Optional.empty(), throttle,
                () -> auth, SipFactory.getInstance().createHeaderFactory()),
                LocalDomains.of(List.of("example.com")), ProxySettings::defaults);
    }

    /** A request from alice whose Proxy-Authorization holds an answer that is wrong for it. */
    private static Request withStaleCredentials(String method) throws Exception {
        return messages.createRequest(method + " sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\n"
                + "To: <sip:bob@example.com>;tag=2\r\n"
                + "Call-ID: caller-auth@10.0.0.2\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Proxy-Authorization: Digest username=\"alice\", realm=\"natterjack\", nonce=\"n\","
                + " uri=\"sip:bob@example.com\", response=\"00000000000000000000000000000000\", algorithm=MD5,"
                + " qop=auth, nc=00000002, cnonce=\"c\"\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void anAckRepeatingItsInvitesCredentialsIsNotAFailedLogin() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(CallerAuth.Caller.Challenge.class, callerAuth.check(withStaleCredentials("ACK"), FROM_NAT));
        }
        assertFalse(throttle.isBlocked(FROM_NAT.remote().getAddress()));
    }

    @Test
    void wrongCredentialsOnOtherRequestsCountTowardsTheBlock() throws Exception {
        for (int i = 0; i < auth.failureLimit(); i++) {
            callerAuth.check(withStaleCredentials("BYE"), FROM_NAT);
        }
        assertTrue(throttle.isBlocked(FROM_NAT.remote().getAddress()));
    }
}
