package org.natterjack.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.location.MemoryLocationService;
import org.natterjack.config.NatSettings;
import org.natterjack.config.RegistrarSettings;
import org.natterjack.nat.NatIndication;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.location.Binding;
import org.natterjack.location.NodeId;
import org.natterjack.sip.registrar.ContactSpec;
import org.natterjack.sip.registrar.RegisterRequest;
import org.natterjack.sip.registrar.Registrar;
import org.natterjack.testing.MutableClock;

class BindingRepositoryTest extends StoreTestBase {


    private final MutableClock clock = new MutableClock();
    private Store store;
    private BindingRepository repository;

    @BeforeEach
    void setUp() {
        store = open();
        repository = new BindingRepository(store, clock);
    }

    /** What a restarted gateway reads: a fresh repository over a freshly opened store. */
    private List<Binding> afterRestart() {
        return new BindingRepository(open(), clock).loadLive();
    }

    private static Binding natedTcpWithEverything(Instant now) {
        Flow flow = Flow.of(Transport.TCP, new InetSocketAddress("192.0.2.10", 5060),
                new InetSocketAddress("203.0.113.50", 61000));
        return new Binding("sip:alice@example.org", "sip:alice@192.168.1.20:5060;transport=tcp;ob", flow, NodeId.LOCAL,
                EnumSet.of(NatIndication.VIA_ADDRESS_DIFFERS, NatIndication.CONTACT_PRIVATE,
                        NatIndication.CONTACT_DIFFERS),
                now.plusSeconds(90), 700, "3c26700857a3-5ab1@192.168.1.20", 42,
                Optional.of("<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>"), OptionalInt.of(1),
                "Linphone/5.2.0 (belle-sip/5.2.0)", now.minusSeconds(3600), now,
                List.of("<sip:edge-2.example.org;lr;received=sip:203.0.113.50:61000>", "<sip:edge-1.example.org;lr>"));
    }

    private static Binding directUdpWithNothingOptional(Instant now) {
        Flow flow = Flow.of(Transport.UDP, new InetSocketAddress("0.0.0.0", 5060),
                new InetSocketAddress("198.51.100.7", 5060));
        return new Binding("sip:bob@example.org", "sip:bob@198.51.100.7:5060", flow, NodeId.LOCAL, Set.of(), now.plusSeconds(3600),
                1000, "b0b-call", 1, Optional.empty(), OptionalInt.empty(), "", now, now, List.of());
    }

    private static Binding ipv6Udp(Instant now) {
        Flow flow = Flow.of(Transport.UDP, new InetSocketAddress("2001:db8::10", 5060),
                new InetSocketAddress("2001:db8:1::50", 40000));
        return new Binding("sip:carol@example.org", "sip:carol@[fd00::20]:5060", flow, NodeId.LOCAL,
                Set.of(NatIndication.CONTACT_PRIVATE), now.plusSeconds(60), 0, "c-call", 3, Optional.empty(),
                OptionalInt.of(2), "Zoiper", now, now, List.of());
    }

    private static Binding refreshed(Binding b, Instant now, long cseq) {
        return new Binding(b.aor(), b.contact(), b.received(), b.node(), b.nat(), now.plusSeconds(90), b.qValue(), b.callId(),
                cseq, b.instanceId(), b.regId(), b.userAgent(), b.firstSeen(), now, List.of());
    }

    @Test
    void savedBindingsSurviveFlushAndLoadWithEveryFieldEqual() {
        Instant now = clock.instant();
        Binding nated = natedTcpWithEverything(now);
        Binding direct = directUdpWithNothingOptional(now);
        Binding v6 = ipv6Udp(now);
        repository.saved(nated);
        repository.saved(direct);
        repository.saved(v6);

        assertEquals(3, repository.flush());

        List<Binding> loaded = afterRestart();
        assertEquals(3, loaded.size());
        assertTrue(loaded.contains(nated), "NATed binding with instance, reg-id and flow: " + loaded);
        assertTrue(loaded.contains(direct), "binding without optional fields: " + loaded);
        assertTrue(loaded.contains(v6), "IPv6 binding: " + loaded);
    }

    @Test
    void theNodeHoldingTheFlowIsKept() {
        Instant now = clock.instant();
        Binding direct = directUdpWithNothingOptional(now);
        Binding elsewhere = new Binding(direct.aor(), direct.contact(), direct.received(), new NodeId("gw-b.example"),
                direct.nat(), direct.expires(), direct.qValue(), direct.callId(), direct.cseq(), direct.instanceId(),
                direct.regId(), direct.userAgent(), direct.firstSeen(), direct.lastSeen(), List.of());
        repository.saved(elsewhere);
        repository.flush();

        assertEquals(List.of(elsewhere), afterRestart());
    }

    @Test
    void aRowWrittenByAnOlderReleaseIsReadFromItsAddressColumns() throws Exception {
        Instant now = clock.instant();
        Binding v6 = ipv6Udp(now);
        repository.saved(v6);
        repository.flush();
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            // An older release rewrites the row without the flow column it does not know.
            st.executeUpdate("UPDATE binding SET flow = NULL");
        }

        assertEquals(List.of(v6), afterRestart());
    }

    @Test
    void aFlowOfAKindThisReleaseDoesNotKnowIsLeftUnusedAndTheRestLoads() throws Exception {
        Instant now = clock.instant();
        repository.saved(natedTcpWithEverything(now));
        repository.saved(directUdpWithNothingOptional(now));
        repository.flush();
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE binding SET flow = 'tunnel 7f3a 203.0.113.50:443'"
                    + " WHERE aor = 'sip:alice@example.org'");
        }

        assertEquals(List.of(directUdpWithNothingOptional(now)), afterRestart());
        try (Connection c = store.connect(); Statement st = c.createStatement()) {
            var rs = st.executeQuery("SELECT count(*) FROM binding");
            rs.next();
            assertEquals(2, rs.getInt(1), "the row stays for the release that wrote it");
        }
    }

    @Test
    void optionalFieldsComeBackEmptyNotBlank() {
        repository.saved(directUdpWithNothingOptional(clock.instant()));
        repository.flush();

        Binding loaded = afterRestart().get(0);

        assertEquals(Optional.empty(), loaded.instanceId());
        assertEquals(OptionalInt.empty(), loaded.regId());
        assertEquals(Set.of(), loaded.nat());
        assertEquals("", loaded.userAgent());
    }

    @Test
    void loadedNatedBindingIsStillReachedOverItsFlow() {
        Binding nated = natedTcpWithEverything(clock.instant());
        repository.saved(nated);
        repository.flush();

        Binding loaded = afterRestart().get(0);

        assertEquals(nated.target(), loaded.target());
        assertEquals(nated.key(), loaded.key());
    }

    @Test
    void removedBindingIsDeleted() {
        Instant now = clock.instant();
        repository.saved(natedTcpWithEverything(now));
        repository.saved(directUdpWithNothingOptional(now));
        repository.flush();

        repository.removed(natedTcpWithEverything(now));
        assertEquals(1, repository.flush());

        assertEquals(List.of(directUdpWithNothingOptional(now)), afterRestart());
    }

    @Test
    void bindingSavedAndRemovedBeforeAFlushIsNeverWritten() {
        Binding b = directUdpWithNothingOptional(clock.instant());
        repository.saved(b);
        repository.removed(b);

        repository.flush();

        assertEquals(List.of(), afterRestart());
    }

    @Test
    void changesToOneBindingAreCoalescedIntoOneWrite() {
        Binding b = natedTcpWithEverything(clock.instant());
        repository.saved(b);
        clock.advanceSeconds(30);
        repository.saved(refreshed(b, clock.instant(), 43));
        clock.advanceSeconds(30);
        Binding latest = refreshed(b, clock.instant(), 44);
        repository.saved(latest);

        assertEquals(1, repository.flush());
        assertEquals(List.of(latest), afterRestart());
    }

    @Test
    void flushWithNothingPendingWritesNothing() {
        assertEquals(0, repository.flush());
        repository.saved(directUdpWithNothingOptional(clock.instant()));
        assertEquals(1, repository.flush());
        assertEquals(0, repository.flush());
    }

    @Test
    void expiredBindingsArePurgedByLoadLive() {
        Instant now = clock.instant();
        repository.saved(ipv6Udp(now)); // expires in 60 s
        repository.saved(directUdpWithNothingOptional(now)); // expires in 3600 s
        repository.flush();
        clock.advanceSeconds(60);

        assertEquals(List.of(directUdpWithNothingOptional(now)), repository.loadLive());

        // The row is gone, not merely skipped: even a clock turned back does not bring it back.
        clock.set(now);
        assertEquals(List.of(directUdpWithNothingOptional(now)), repository.loadLive());
    }

    @Test
    void changeArrivingAfterAFlushStaysPendingForTheNext() {
        Binding first = natedTcpWithEverything(clock.instant());
        repository.saved(first);
        repository.flush();
        clock.advanceSeconds(30);
        Binding second = refreshed(first, clock.instant(), 43);

        repository.saved(second);

        assertEquals(List.of(first), afterRestart(), "not written before the next flush");
        assertEquals(1, repository.flush());
        assertEquals(List.of(second), afterRestart());
    }

    @Test
    void changeArrivingDuringAFlushStaysPending() throws Exception {
        Binding first = natedTcpWithEverything(clock.instant());
        Binding second = refreshed(first, clock.instant().plusSeconds(30), 43);
        repository.saved(first);

        CompletableFuture<Integer> flushed;
        try (Connection blocker = store.connect(); Statement st = blocker.createStatement()) {
            // Hold the write lock so that the flush stops inside its transaction, after taking its batch.
            if (store.engine() == Store.Engine.SQLITE) {
                st.execute("BEGIN IMMEDIATE");
            } else {
                blocker.setAutoCommit(false);
                st.execute("LOCK TABLE binding IN EXCLUSIVE MODE");
            }
            AtomicReference<Thread> flusher = new AtomicReference<>();
            flushed = CompletableFuture.supplyAsync(() -> {
                flusher.set(Thread.currentThread());
                return repository.flush();
            });
            awaitFlushWaitingOnTheLock(flusher);
            repository.saved(second);
            if (store.engine() == Store.Engine.SQLITE) {
                st.execute("ROLLBACK");
            } else {
                blocker.rollback();
            }
        }

        assertEquals(1, flushed.get(30, TimeUnit.SECONDS));
        assertEquals(List.of(first), afterRestart());
        assertEquals(1, repository.flush(), "the change that arrived meanwhile was kept");
        assertEquals(List.of(second), afterRestart());
    }

    /** Waits (bounded) until the flushing thread is inside a JDBC write, i.e. it holds its batch. */
    private static void awaitFlushWaitingOnTheLock(AtomicReference<Thread> flusher) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < deadline) {
            Thread t = flusher.get();
            if (t != null && Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("executeBatch") || f.getMethodName().equals("commit"))) {
                return;
            }
            Thread.yield();
        }
        throw new AssertionError("flush never reached its write");
    }

    @Test
    void locationServiceIsRebuiltFromTheStoreAfterARestart() {
        MemoryLocationService before = new MemoryLocationService(NodeId.LOCAL, clock);
        before.listen(repository);
        Registrar registrar = new Registrar(before, RegistrarSettings::defaults, NatSettings::defaults,
                clock);
        Flow natFlow = Flow.of(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060),
                new InetSocketAddress("203.0.113.50", 61000));
        registrar.register(new RegisterRequest("sip:alice@example.org", "call-1", 1, natFlow,
                Set.of(NatIndication.CONTACT_PRIVATE), "Yealink", OptionalInt.empty(), false,
                List.of(ContactSpec.of("sip:alice@192.168.1.20:5060")), 10, List.of()));
        registrar.register(new RegisterRequest("sip:bob@example.org", "call-2", 1, natFlow, Set.of(), "",
                OptionalInt.empty(), false, List.of(ContactSpec.of("sip:bob@203.0.113.50:61000")), 10, List.of()));
        repository.flush();

        MemoryLocationService after = new MemoryLocationService(NodeId.LOCAL, clock);
        after.restore(new BindingRepository(open(), clock).loadLive());

        assertEquals(before.lookup("sip:alice@example.org"), after.lookup("sip:alice@example.org"));
        assertEquals(before.lookup("sip:bob@example.org"), after.lookup("sip:bob@example.org"));
        assertEquals(2, after.size());
    }
}
