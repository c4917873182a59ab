package org.natterjack.sip.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.natterjack.cdr.OpenCall;
import org.natterjack.metrics.CallMeters;

/**
 * The RFC 3261 16.7 to 16.10 state machine of a proxied request, with fakes for the stack's two sides and
 * for the timers: responses are JAIN-SIP messages, nothing is sent.
 */
class ProxyTransactionTest {

    private static final long TIMER_C = 180;
    private static final long FAILOVER = 4;
    private static MessageFactory messages;
    private static AddressFactory addresses;
    private static HeaderFactory headers;

    private final FakeUpstream upstream = new FakeUpstream();
    private final FakeDownstream downstream = new FakeDownstream();
    private final ManualTimers timers = new ManualTimers();

    @BeforeAll
    static void factories() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
        addresses = factory.createAddressFactory();
        headers = factory.createHeaderFactory();
    }

    private static Request request(String method) throws Exception {
        return messages.createRequest(method + " sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK-caller\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: proxy-transaction@192.0.2.10\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:alice@192.0.2.10>\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    private ProxyTransaction invite() throws Exception {
        return proxied(Request.INVITE);
    }

    private ProxyTransaction proxied(String method) throws Exception {
        upstream.request = request(method);
        return new ProxyTransaction(upstream, downstream, timers, TIMER_C, FAILOVER, CallMeters.Setup.NOT_A_CALL,
                OpenCall.NOT_A_CALL);
    }

    /** A branch to {@code host}: its request carries our Via on top of the caller's, as forwarding leaves it. */
    private ProxyTransaction.Branch branch(ProxyTransaction proxied, String host) throws Exception {
        Request out = (Request) upstream.request.clone();
        out.setRequestURI(addresses.createURI("sip:bob@" + host));
        out.addFirst(headers.createViaHeader("203.0.113.1", 5060, "UDP", "z9hG4bKnj-" + host));
        proxied.addBranch(out, new Target(out.getRequestURI(), Optional.empty(), null, true, false));
        return downstream.sent.get(downstream.sent.size() - 1).branch;
    }

    private void answer(ProxyTransaction proxied, ProxyTransaction.Branch branch, int status) throws Exception {
        Request sent = downstream.legOf(branch).request;
        proxied.onResponse(branch, messages.createResponse(status, sent));
    }

    private List<Integer> upstreamStatuses() {
        return upstream.sent.stream().map(Response::getStatusCode).toList();
    }

    // RFC 3261 16.7 step 6: the best response.

    @Test
    void theLowestClassWinsWhenEveryBranchFailed() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");

        answer(proxied, a, Response.SERVICE_UNAVAILABLE);
        assertEquals(List.of(), upstreamStatuses(), "nothing goes upstream while a branch is pending");
        answer(proxied, b, Response.BUSY_HERE);

        assertEquals(List.of(Response.BUSY_HERE), upstreamStatuses());
    }

    @Test
    void aChallengeIsPreferredWithinItsClass() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");

        answer(proxied, a, Response.NOT_FOUND);
        answer(proxied, b, Response.PROXY_AUTHENTICATION_REQUIRED);

        assertEquals(List.of(Response.PROXY_AUTHENTICATION_REQUIRED), upstreamStatuses());
    }

    @Test
    void a503FromDownstreamGoesUpstreamAs500() throws Exception {
        ProxyTransaction proxied = invite();
        answer(proxied, branch(proxied, "a.example"), Response.SERVICE_UNAVAILABLE);

        assertEquals(List.of(Response.SERVER_INTERNAL_ERROR), upstreamStatuses(),
                "a 503 would tell the caller not to retry us (RFC 3261 16.7 step 6)");
    }

    @Test
    void relayedResponsesCarryTheCallersViasOnly() throws Exception {
        ProxyTransaction proxied = invite();
        answer(proxied, branch(proxied, "a.example"), Response.RINGING);

        Response relayed = upstream.sent.get(0);
        ViaHeader top = (ViaHeader) relayed.getHeader(ViaHeader.NAME);
        assertEquals("z9hG4bK-caller", top.getBranch());
        var vias = relayed.getHeaders(ViaHeader.NAME);
        vias.next();
        assertFalse(vias.hasNext());
    }

    // RFC 3261 16.7 steps 5 and 10: 2xx and 6xx.

    @Test
    void a6xxCancelsThePendingBranchesAndEndsTheFork() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");
        answer(proxied, a, Response.RINGING);

        answer(proxied, b, Response.DECLINE);
        assertTrue(downstream.legOf(a).cancelled, "the ringing branch is cancelled");
        answer(proxied, a, Response.REQUEST_TERMINATED);

        assertEquals(List.of(Response.RINGING, Response.DECLINE), upstreamStatuses());
    }

    @Test
    void a2xxAfterA6xxIsStillForwarded() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");
        answer(proxied, a, Response.RINGING);

        answer(proxied, b, Response.DECLINE);
        answer(proxied, a, Response.OK);

        assertEquals(List.of(Response.RINGING, Response.OK), upstreamStatuses());
        assertTrue(proxied.isOver());
    }

    @Test
    void every2xxIsForwardedAndCancelsTheOthers() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");
        answer(proxied, a, Response.RINGING);
        answer(proxied, b, Response.RINGING);

        answer(proxied, a, Response.OK);
        assertTrue(downstream.legOf(b).cancelled);
        assertFalse(downstream.legOf(a).cancelled);
        answer(proxied, b, Response.OK);

        assertEquals(List.of(Response.RINGING, Response.RINGING, Response.OK, Response.OK), upstreamStatuses());
    }

    @Test
    void provisionalsAfterTheFinalResponseAreNotRelayed() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");
        answer(proxied, a, Response.OK);

        answer(proxied, b, Response.RINGING);

        assertEquals(List.of(Response.OK), upstreamStatuses());
    }

    // RFC 3261 16.10: CANCEL.

    @Test
    void aCancelReachesTheBranchesThatRangAndTheirEndGoesUpstreamAs487() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");
        answer(proxied, a, Response.RINGING);

        proxied.cancel();

        assertTrue(downstream.legOf(a).cancelled);
        assertFalse(downstream.legOf(b).cancelled, "no CANCEL before a provisional response (RFC 3261 9.1)");
        assertTrue(proxied.isOver());
        answer(proxied, a, Response.REQUEST_TERMINATED);
        answer(proxied, b, Response.REQUEST_TERMINATED);
        assertEquals(List.of(Response.RINGING, Response.REQUEST_TERMINATED), upstreamStatuses());
    }

    @Test
    void aCancelBeforeAnyBranchIsAnswered487AtOnce() throws Exception {
        ProxyTransaction proxied = invite();

        proxied.cancel();

        assertEquals(List.of(Response.REQUEST_TERMINATED), upstreamStatuses());
    }

    // RFC 3261 16.8: timer C.

    @Test
    void timerCCancelsARingingBranchThatCountsAs408() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        answer(proxied, a, Response.RINGING);

        timers.advance(TIMER_C - 1);
        assertFalse(downstream.legOf(a).cancelled);
        timers.advance(1);

        assertTrue(downstream.legOf(a).cancelled);
        assertEquals(List.of(Response.RINGING, Response.REQUEST_TIMEOUT), upstreamStatuses());
        answer(proxied, a, Response.REQUEST_TERMINATED);
        assertEquals(List.of(Response.RINGING, Response.REQUEST_TIMEOUT), upstreamStatuses(), "the late 487 is ignored");
    }

    @Test
    void aProvisionalRestartsTimerC() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        answer(proxied, a, Response.RINGING);
        timers.advance(TIMER_C - 10);

        answer(proxied, a, Response.SESSION_PROGRESS);
        timers.advance(20);

        assertFalse(downstream.legOf(a).cancelled);
        timers.advance(TIMER_C);
        assertTrue(downstream.legOf(a).cancelled);
    }

    @Test
    void aBranchTheStackTimedOutCountsAs408() throws Exception {
        ProxyTransaction proxied = invite();
        proxied.onTimeout(branch(proxied, "a.example"));

        assertEquals(List.of(Response.REQUEST_TIMEOUT), upstreamStatuses());
    }

    // Failover, in turn and hunting: what follows when the branches fail.

    @Test
    void failoverFollowsA5xxButNotABusy() throws Exception {
        ProxyTransaction proxied = invite();
        List<String> tried = new ArrayList<>();
        proxied.fallback(ProxyTransaction.Fallback.failover(() -> tried.add("next")));
        answer(proxied, branch(proxied, "a.example"), Response.SERVER_INTERNAL_ERROR);
        assertEquals(List.of("next"), tried);
        assertEquals(List.of(), upstreamStatuses(), "the failed branch's response is not sent upstream");

        ProxyTransaction busy = invite();
        busy.fallback(ProxyTransaction.Fallback.failover(() -> tried.add("again")));
        answer(busy, branch(busy, "b.example"), Response.BUSY_HERE);
        assertEquals(List.of("next"), tried);
        assertEquals(List.of(Response.BUSY_HERE), upstreamStatuses());
    }

    @Test
    void aHuntMovesToTheNextMemberOnAnyFailureAndAfterItsRingTime() throws Exception {
        ProxyTransaction proxied = invite();
        List<String> members = new ArrayList<>();
        Runnable third = () -> members.add("carol");
        proxied.fallback(new ProxyTransaction.Fallback(() -> {
            members.add("bob");
            proxied.fallback(new ProxyTransaction.Fallback(third, true, 15));
            try {
                answer(proxied, branch(proxied, "bob.example"), Response.RINGING);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, true, 15));
        ProxyTransaction.Branch alice = branch(proxied, "alice.example");

        answer(proxied, alice, Response.BUSY_HERE);
        assertEquals(List.of("bob"), members);

        timers.advance(15);
        assertTrue(downstream.legOf(downstream.sent.get(1).branch).cancelled, "bob rang his 15 s and is cancelled");
        assertEquals(List.of("bob", "carol"), members);
        assertEquals(List.of(Response.RINGING), upstreamStatuses());
    }

    @Test
    void serversTriedInTurnGiveUpASilentOneAfterTheFailoverTime() throws Exception {
        ProxyTransaction proxied = invite();
        List<String> tried = new ArrayList<>();
        proxied.fallback(ProxyTransaction.Fallback.failover(() -> tried.add("second server")));
        ProxyTransaction.Branch first = branch(proxied, "first.example");

        timers.advance(FAILOVER);

        assertTrue(downstream.legOf(first).stopped, "its retransmissions stop");
        assertEquals(List.of("second server"), tried);
    }

    @Test
    void aServerThatAnsweredIsNotGivenUpByTheFailoverTimer() throws Exception {
        ProxyTransaction proxied = invite();
        List<String> tried = new ArrayList<>();
        proxied.fallback(ProxyTransaction.Fallback.failover(() -> tried.add("second server")));
        ProxyTransaction.Branch first = branch(proxied, "first.example");
        answer(proxied, first, Response.TRYING);

        timers.advance(FAILOVER);

        assertFalse(downstream.legOf(first).stopped);
        assertEquals(List.of(), tried);
    }

    @Test
    void aCancelledCallDoesNotFailOver() throws Exception {
        ProxyTransaction proxied = invite();
        List<String> tried = new ArrayList<>();
        proxied.fallback(ProxyTransaction.Fallback.failover(() -> tried.add("next")));
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        answer(proxied, a, Response.RINGING);

        proxied.cancel();
        answer(proxied, a, Response.REQUEST_TERMINATED);

        assertEquals(List.of(), tried);
        assertEquals(List.of(Response.RINGING, Response.REQUEST_TERMINATED), upstreamStatuses());
    }

    @Test
    void aResponseOfOurOwnEndsTheTransaction() throws Exception {
        ProxyTransaction proxied = invite();

        proxied.respond(Response.NOT_FOUND, "No such user");

        assertTrue(proxied.isOver());
        assertEquals("No such user", upstream.sent.get(0).getReasonPhrase());
        assertTrue(upstream.sent.get(0).getHeader("Server") != null, "our responses say who made them");
        assertTrue(upstream.released, "nothing is left to wait for");
    }

    // The lingering stack transactions let go of the proxy's state once it is over.

    @Test
    void theStackLetsGoOnceTheFinalResponseIsSentAndEveryBranchEnded() throws Exception {
        ProxyTransaction proxied = invite();
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        ProxyTransaction.Branch b = branch(proxied, "b.example");
        answer(proxied, b, Response.RINGING);

        answer(proxied, a, Response.OK);
        assertFalse(upstream.released, "b may still answer 2xx, which must go upstream");
        answer(proxied, b, Response.REQUEST_TERMINATED);

        assertTrue(upstream.released);
        assertTrue(downstream.legOf(a).released && downstream.legOf(b).released);
    }

    @Test
    void aNonInviteIsReleasedWithItsFinalResponse() throws Exception {
        ProxyTransaction proxied = proxied(Request.BYE);
        ProxyTransaction.Branch a = branch(proxied, "a.example");
        assertFalse(upstream.released);

        answer(proxied, a, Response.OK);

        assertTrue(upstream.released && downstream.legOf(a).released);
    }

    @Test
    void nothingIsReleasedWhileAFailoverIsStillToBeTried() throws Exception {
        ProxyTransaction proxied = invite();
        proxied.fallback(ProxyTransaction.Fallback.failover(() -> { }));
        ProxyTransaction.Branch a = branch(proxied, "a.example");

        answer(proxied, a, Response.SERVICE_UNAVAILABLE);

        assertFalse(upstream.released, "the next route has not answered yet");
        assertEquals(List.of(), upstreamStatuses());
    }

    /** The caller's side: what was sent to it. */
    private static final class FakeUpstream implements Upstream {
        private Request request;
        private final List<Response> sent = new ArrayList<>();
        private boolean released;

        @Override
        public void release() {
            released = true;
        }

        @Override
        public Request request() {
            return request;
        }

        @Override
        public void send(Response response) {
            sent.add(response);
        }
    }

    /** The branches' side: each request sent, and whether it was cancelled or given up. */
    private static final class FakeDownstream implements Downstream {
        private final List<FakeLeg> sent = new ArrayList<>();

        @Override
        public Leg send(Request request, Target target, ProxyTransaction.Branch branch) {
            FakeLeg leg = new FakeLeg(request, branch);
            sent.add(leg);
            return leg;
        }

        FakeLeg legOf(ProxyTransaction.Branch branch) {
            return sent.stream().filter(l -> l.branch == branch).findFirst().orElseThrow();
        }
    }

    private static final class FakeLeg implements Downstream.Leg {
        private final Request request;
        private final ProxyTransaction.Branch branch;
        private boolean cancelled;
        private boolean stopped;
        private boolean released;

        @Override
        public void release() {
            released = true;
        }

        FakeLeg(Request request, ProxyTransaction.Branch branch) {
            this.request = request;
            this.branch = branch;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    /** Timers that fire when the test moves time on, in order of their deadlines. */
    private static final class ManualTimers implements ProxyTimers {
        private final List<Scheduled> pending = new ArrayList<>();
        private long now;

        private final class Scheduled implements Timer {
            private final long at;
            private final Runnable task;

            Scheduled(long at, Runnable task) {
                this.at = at;
                this.task = task;
            }

            @Override
            public void cancel() {
                pending.remove(this);
            }
        }

        @Override
        public Timer after(long seconds, Runnable task) {
            Scheduled timer = new Scheduled(now + seconds, task);
            pending.add(timer);
            return timer;
        }

        void advance(long seconds) {
            long until = now + seconds;
            while (true) {
                Scheduled next = pending.stream().filter(t -> t.at <= until)
                        .min((x, y) -> Long.compare(x.at, y.at)).orElse(null);
                if (next == null) {
                    break;
                }
                pending.remove(next);
                now = next.at;
                next.task.run();
            }
            now = until;
        }
    }
}
