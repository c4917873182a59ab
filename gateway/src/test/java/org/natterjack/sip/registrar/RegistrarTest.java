package org.natterjack.sip.registrar;

import org.natterjack.location.RecordingListener;
import org.natterjack.location.NodeId;
import org.natterjack.location.MemoryLocationService;
import org.natterjack.location.BindingTarget;
import org.natterjack.location.Binding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.sip.registrar.Requests.AOR;
import static org.natterjack.sip.registrar.Requests.NATED;
import static org.natterjack.sip.registrar.Requests.NATED_UDP;
import static org.natterjack.sip.registrar.Requests.contact;
import static org.natterjack.sip.registrar.Requests.outbound;
import static org.natterjack.sip.registrar.Requests.register;
import static org.natterjack.sip.registrar.Requests.withQ;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.natterjack.config.NatSettings;
import org.natterjack.config.RegistrarSettings;
import org.natterjack.nat.NatIndication;
import org.natterjack.nat.NatPolicy;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.testing.MutableClock;
import org.natterjack.users.UserPolicy;

class RegistrarTest {

    private static final int MIN = 60;
    private static final int MAX = 7200;
    private static final int DEFAULT = 3600;
    private static final int NAT_REFRESH = 90;

    private final MutableClock clock = new MutableClock();
    private final RecordingListener listener = new RecordingListener();
    private final MemoryLocationService location = new MemoryLocationService(NodeId.LOCAL, clock);
    private final Registrar registrar = new Registrar(location,
            () -> new RegistrarSettings(MIN, MAX, DEFAULT, Requests.MAX_CONTACTS),
            () -> new NatSettings(NAT_REFRESH, 20, 3, false), clock);

    RegistrarTest() {
        location.listen(listener);
    }

    private RegisterOutcome.Accepted accepted(Requests request) {
        return assertInstanceOf(RegisterOutcome.Accepted.class, registrar.register(request.build()));
    }

    private Binding only() {
        List<Binding> bindings = location.lookup(AOR);
        assertEquals(1, bindings.size(), bindings.toString());
        return bindings.get(0);
    }

    private Instant in(long seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    // --- adding, refreshing, removing ---

    @Test
    void newContactIsBoundWithEverythingTheRequestShowed() {
        Instant now = clock.instant();

        RegisterOutcome.Accepted outcome = accepted(register().contacts(contact("sip:alice@198.51.100.7:5060"))
                .callId("call-1").cseq(7).userAgent("Yealink SIP-T46S"));

        Binding b = only();
        assertEquals(List.of(b), outcome.bindings());
        assertEquals(AOR, b.aor());
        assertEquals("sip:alice@198.51.100.7:5060", b.contact());
        assertEquals(Requests.DIRECT_UDP, b.received());
        assertEquals(Set.of(), b.nat());
        assertEquals(in(DEFAULT), b.expires());
        assertEquals(1000, b.qValue());
        assertEquals("call-1", b.callId());
        assertEquals(7, b.cseq());
        assertEquals(Optional.empty(), b.instanceId());
        assertEquals(OptionalInt.empty(), b.regId());
        assertEquals("Yealink SIP-T46S", b.userAgent());
        assertEquals(now, b.firstSeen());
        assertEquals(now, b.lastSeen());
    }

    @Test
    void refreshKeepsFirstSeenAndMovesLastSeenAndExpiry() {
        Instant first = clock.instant();
        accepted(register().cseq(1));
        clock.advanceSeconds(1800);

        accepted(register().cseq(2).userAgent("Linphone/5.3.0"));

        Binding b = only();
        assertEquals(first, b.firstSeen());
        assertEquals(clock.instant(), b.lastSeen());
        assertEquals(in(DEFAULT), b.expires());
        assertEquals(2, b.cseq());
        assertEquals("Linphone/5.3.0", b.userAgent());
    }

    @Test
    void contactExpiresZeroRemovesTheBinding() {
        accepted(register().cseq(1).contacts(contact("sip:alice@198.51.100.7:5060")));

        RegisterOutcome.Accepted outcome = accepted(register().cseq(2)
                .contacts(contact("sip:alice@198.51.100.7:5060", 0)));

        assertEquals(List.of(), outcome.bindings());
        assertEquals(List.of(), location.lookup(AOR));
        assertEquals(0, location.size());
    }

    @Test
    void expiresHeaderZeroRemovesTheBinding() {
        accepted(register().cseq(1).contacts(contact("sip:alice@198.51.100.7:5060")));

        accepted(register().cseq(2).expires(0).contacts(contact("sip:alice@198.51.100.7:5060")));

        assertEquals(List.of(), location.lookup(AOR));
    }

    @Test
    void removingOneContactLeavesTheOthers() {
        accepted(register().contacts(contact("sip:alice@198.51.100.7:5060"), contact("sip:alice@198.51.100.8:5060")));

        accepted(register().cseq(2).contacts(contact("sip:alice@198.51.100.7:5060", 0)));

        assertEquals("sip:alice@198.51.100.8:5060", only().contact());
    }

    @Test
    void removingAnUnknownContactIsAcceptedAndChangesNothing() {
        accepted(register().cseq(1));
        Binding before = only();

        accepted(register().cseq(2).contacts(contact("sip:alice@198.51.100.99:5060", 0)));

        assertEquals(before, only());
    }

    @Test
    void queryWithoutContactsListsBindingsAndChangesNothing() {
        accepted(register().cseq(1));
        Binding before = only();
        listener.clear();

        RegisterOutcome.Accepted outcome = accepted(register().cseq(2).contacts());

        assertEquals(List.of(before), outcome.bindings());
        assertEquals(before, only());
        assertEquals(List.of(), listener.saved);
    }

    @Test
    void severalContactsPerAorFromOneRequest() {
        accepted(register().contacts(contact("sip:alice@198.51.100.7:5060"), contact("sip:alice@198.51.100.8:5070")));

        assertEquals(2, location.lookup(AOR).size());
    }

    @Test
    void severalDevicesOfOneAorEachKeepTheirBinding() {
        accepted(register().callId("desk-phone").contacts(contact("sip:alice@198.51.100.7:5060")));
        accepted(register().callId("softphone").contacts(contact("sip:alice@198.51.100.8:5060")));

        RegisterOutcome.Accepted outcome = accepted(register().callId("mobile")
                .contacts(contact("sip:alice@198.51.100.9:5060")));

        assertEquals(3, outcome.bindings().size());
        assertEquals(3, location.lookup(AOR).size());
    }

    @Test
    void aorsAreIndependent() {
        accepted(register().aor("sip:alice@example.org"));
        accepted(register().aor("sip:bob@example.org").contacts(contact("sip:bob@198.51.100.20:5060")));

        assertEquals(1, location.lookup("sip:alice@example.org").size());
        assertEquals("sip:bob@198.51.100.20:5060", location.lookup("sip:bob@example.org").get(0).contact());
        assertEquals(List.of(), location.lookup("sip:carol@example.org"));
    }

    // --- limits ---

    @Test
    void tooManyContactsIsRefusedWith403AndChangesNothing() {
        accepted(register().callId("c1").contacts(contact("sip:alice@198.51.100.1"), contact("sip:alice@198.51.100.2"),
                contact("sip:alice@198.51.100.3")));
        List<Binding> before = location.lookup(AOR);
        listener.clear();

        RegisterOutcome outcome = registrar.register(register().callId("c2")
                .contacts(contact("sip:alice@198.51.100.4")).build());

        RegisterOutcome.Refused refused = assertInstanceOf(RegisterOutcome.Refused.class, outcome);
        assertEquals(403, refused.status());
        assertEquals(before, location.lookup(AOR));
        assertEquals(List.of(), listener.saved);
        assertEquals(List.of(), listener.removed);
    }

    @Test
    void aUsersOwnLimitOverridesTheRegistrarsAndIsRefusedTheSameWay() {
        UserPolicy one = new UserPolicy(1, NatPolicy.AUTO, "");
        accepted(register().policy(one).callId("c1").contacts(contact("sip:alice@198.51.100.1")));

        RegisterOutcome outcome = registrar.register(register().policy(one).callId("c2")
                .contacts(contact("sip:alice@198.51.100.2")).build());

        assertEquals(new RegisterOutcome.Refused(403, "Too many registered contacts"), outcome);
        assertEquals("sip:alice@198.51.100.1", only().contact());
    }

    @Test
    void aUsersOwnLimitMayBeAboveTheRegistrars() {
        UserPolicy five = new UserPolicy(5, NatPolicy.AUTO, "");
        accepted(register().policy(five).contacts(contact("sip:alice@198.51.100.1"),
                contact("sip:alice@198.51.100.2"), contact("sip:alice@198.51.100.3"),
                contact("sip:alice@198.51.100.4"), contact("sip:alice@198.51.100.5")));

        assertEquals(5, location.lookup(AOR).size());
    }

    // --- NAT policy ---

    @Test
    void natPolicyAlwaysBindsTheFlowAndShortensTheRegistrationThoughTheTestFoundNothing() {
        accepted(register().policy(new UserPolicy(0, NatPolicy.ALWAYS, "")).from(NATED_UDP));

        Binding b = only();
        assertEquals(Set.of(NatIndication.POLICY), b.nat());
        assertEquals(new BindingTarget.OverFlow(NATED_UDP), b.target());
        assertEquals(in(NAT_REFRESH), b.expires());
    }

    @Test
    void natPolicyNeverTrustsTheContactThoughTheTestFoundNat() {
        accepted(register().policy(new UserPolicy(0, NatPolicy.NEVER, "")).from(NATED_UDP).nat(NATED));

        Binding b = only();
        assertEquals(Set.of(), b.nat());
        assertEquals(new BindingTarget.ToContact("sip:alice@198.51.100.7:5060"), b.target());
        assertEquals(in(DEFAULT), b.expires());
    }

    @Test
    void tooManyContactsInOneRequestAddsNoneOfThem() {
        RegisterOutcome outcome = registrar.register(register().contacts(contact("sip:alice@198.51.100.1"),
                contact("sip:alice@198.51.100.2"), contact("sip:alice@198.51.100.3"),
                contact("sip:alice@198.51.100.4")).build());

        assertEquals(403, assertInstanceOf(RegisterOutcome.Refused.class, outcome).status());
        assertEquals(0, location.size());
    }

    @Test
    void replacingAContactAtTheLimitIsAccepted() {
        accepted(register().contacts(contact("sip:alice@198.51.100.1"), contact("sip:alice@198.51.100.2"),
                contact("sip:alice@198.51.100.3")));

        accepted(register().cseq(2).contacts(contact("sip:alice@198.51.100.3", 0), contact("sip:alice@198.51.100.4")));

        assertEquals(Requests.MAX_CONTACTS, location.lookup(AOR).size());
    }

    @Test
    void expiryBelowMinExpiresIsIntervalTooBrief() {
        RegisterOutcome outcome = registrar.register(register().contacts(contact("sip:alice@198.51.100.7", 30))
                .build());

        assertEquals(new RegisterOutcome.IntervalTooBrief(MIN), outcome);
        assertEquals(0, location.size());
    }

    @Test
    void expiresHeaderBelowMinExpiresIsIntervalTooBrief() {
        RegisterOutcome outcome = registrar.register(register().expires(MIN - 1).build());

        assertEquals(new RegisterOutcome.IntervalTooBrief(MIN), outcome);
    }

    @Test
    void intervalTooBriefLeavesExistingBindingUntouched() {
        accepted(register().cseq(1));
        Binding before = only();

        registrar.register(register().cseq(2).contacts(contact("sip:alice@198.51.100.7:5060", 1)).build());

        assertEquals(before, only());
    }

    @Test
    void expiryOfExactlyMinExpiresIsGranted() {
        accepted(register().contacts(contact("sip:alice@198.51.100.7:5060", MIN)));

        assertEquals(in(MIN), only().expires());
    }

    @Test
    void expiryAboveMaxExpiresIsCapped() {
        accepted(register().contacts(contact("sip:alice@198.51.100.7:5060", 100_000)));

        assertEquals(in(MAX), only().expires());
    }

    @Test
    void noExpiryGivenGetsTheDefault() {
        accepted(register().contacts(contact("sip:alice@198.51.100.7:5060")));

        assertEquals(in(DEFAULT), only().expires());
    }

    @Test
    void expiresHeaderAppliesWhenTheContactHasNoExpiresParameter() {
        accepted(register().expires(600).contacts(contact("sip:alice@198.51.100.7:5060")));

        assertEquals(in(600), only().expires());
    }

    @Test
    void contactExpiresParameterOverridesTheExpiresHeader() {
        accepted(register().expires(600).contacts(contact("sip:alice@198.51.100.7:5060", 1200)));

        assertEquals(in(1200), only().expires());
    }

    @Test
    void natedClientGetsExpiryCappedAtRefreshInterval() {
        accepted(register().from(NATED_UDP).nat(NATED).contacts(contact("sip:alice@192.168.1.20:5060", 3600)));

        Binding b = only();
        assertEquals(in(NAT_REFRESH), b.expires());
        assertEquals(NATED, b.nat());
    }

    @Test
    void natedClientWithoutExpiryGetsRefreshIntervalNotDefault() {
        accepted(register().from(NATED_UDP).nat(NATED).contacts(contact("sip:alice@192.168.1.20:5060")));

        assertEquals(in(NAT_REFRESH), only().expires());
    }

    @Test
    void natedClientAskingLessThanTheRefreshIntervalGetsWhatItAsked() {
        accepted(register().from(NATED_UDP).nat(NATED).contacts(contact("sip:alice@192.168.1.20:5060", MIN)));

        assertEquals(in(MIN), only().expires());
    }

    // --- ordering (RFC 3261 10.3 step 7) ---

    @Test
    void sameCallIdWithLowerCseqIsRefusedAndBindingUnchanged() {
        accepted(register().callId("call-1").cseq(5));
        Binding before = only();
        clock.advanceSeconds(10);
        listener.clear();

        RegisterOutcome outcome = registrar.register(register().callId("call-1").cseq(4)
                .contacts(contact("sip:alice@198.51.100.7:5060", 0)).build());

        assertEquals(new RegisterOutcome.Refused(400, "Invalid CSeq number"), outcome);
        assertEquals(before, only());
        assertEquals(List.of(), listener.saved);
        assertEquals(List.of(), listener.removed);
    }

    @Test
    void sameCallIdWithSameCseqIsRefused() {
        accepted(register().callId("call-1").cseq(5));
        Binding before = only();
        clock.advanceSeconds(10);

        RegisterOutcome outcome = registrar.register(register().callId("call-1").cseq(5).build());

        assertEquals(new RegisterOutcome.Refused(400, Registrar.INVALID_CSEQ), outcome);
        assertEquals(before, only());
    }

    @Test
    void differentCallIdWithLowerCseqIsAccepted() {
        accepted(register().callId("before-reboot").cseq(500));
        clock.advanceSeconds(10);

        accepted(register().callId("after-reboot").cseq(1));

        Binding b = only();
        assertEquals("after-reboot", b.callId());
        assertEquals(1, b.cseq());
        assertEquals(clock.instant(), b.lastSeen());
    }

    @Test
    void outOfOrderContactRefusesTheWholeRequest() {
        accepted(register().callId("call-1").cseq(5).contacts(contact("sip:alice@198.51.100.7:5060")));
        Binding before = only();

        RegisterOutcome outcome = registrar.register(register().callId("call-1").cseq(3)
                .contacts(contact("sip:alice@198.51.100.8:5060"), contact("sip:alice@198.51.100.7:5060")).build());

        assertEquals(new RegisterOutcome.Refused(400, Registrar.INVALID_CSEQ), outcome);
        assertEquals(before, only());
    }

    // --- wildcard ---

    @Test
    void wildcardWithExpiresZeroRemovesAllBindings() {
        accepted(register().callId("a").contacts(contact("sip:alice@198.51.100.7"), contact("sip:alice@198.51.100.8")));
        accepted(register().callId("b").contacts(contact("sip:alice@198.51.100.9")));
        listener.clear();

        RegisterOutcome.Accepted outcome = accepted(register().callId("c").wildcard().expires(0));

        assertEquals(List.of(), outcome.bindings());
        assertEquals(List.of(), location.lookup(AOR));
        assertEquals(0, location.size());
        assertEquals(3, listener.removed.size());
    }

    @Test
    void wildcardWithoutExpiresIsRefusedWith400() {
        accepted(register());

        RegisterOutcome outcome = registrar.register(register().callId("other").wildcard().build());

        assertEquals(400, assertInstanceOf(RegisterOutcome.Refused.class, outcome).status());
        assertEquals(1, location.lookup(AOR).size());
    }

    @Test
    void wildcardWithNonZeroExpiresIsRefusedWith400() {
        accepted(register());

        RegisterOutcome outcome = registrar.register(register().callId("other").wildcard().expires(3600).build());

        assertEquals(400, assertInstanceOf(RegisterOutcome.Refused.class, outcome).status());
        assertEquals(1, location.lookup(AOR).size());
    }

    @Test
    void wildcardWithOtherContactsIsRefusedWith400() {
        accepted(register());
        RegisterRequest mixed = new RegisterRequest(AOR, "other", 1, Requests.DIRECT_UDP, Set.of(), "",
                OptionalInt.of(0), true, List.of(contact("sip:alice@198.51.100.8")), Requests.MAX_CONTACTS, List.of());

        RegisterOutcome outcome = registrar.register(mixed);

        assertEquals(400, assertInstanceOf(RegisterOutcome.Refused.class, outcome).status());
        assertEquals(1, location.lookup(AOR).size());
    }

    @Test
    void wildcardWithSameCallIdAndOldCseqIsRefused() {
        accepted(register().callId("call-1").cseq(5));

        RegisterOutcome outcome = registrar.register(register().callId("call-1").cseq(5).wildcard().expires(0)
                .build());

        assertEquals(new RegisterOutcome.Refused(400, Registrar.INVALID_CSEQ), outcome);
        assertEquals(1, location.lookup(AOR).size());
    }

    // --- preference, instances ---

    @Test
    void lookupListsHighestQFirst() {
        accepted(register().contacts(withQ("sip:alice@198.51.100.1", 500), withQ("sip:alice@198.51.100.2", 1000),
                withQ("sip:alice@198.51.100.3", 100)));

        List<String> order = location.lookup(AOR).stream().map(Binding::contact).toList();

        assertEquals(List.of("sip:alice@198.51.100.2", "sip:alice@198.51.100.1", "sip:alice@198.51.100.3"), order);
    }

    @Test
    void qOrderingHoldsAcrossSeparateRegistrations() {
        accepted(register().callId("a").contacts(withQ("sip:alice@198.51.100.1", 100)));
        accepted(register().callId("b").contacts(withQ("sip:alice@198.51.100.2", 900)));
        accepted(register().callId("c").contacts(withQ("sip:alice@198.51.100.3", 500)));

        List<Integer> qs = location.lookup(AOR).stream().map(Binding::qValue).toList();

        assertEquals(List.of(900, 500, 100), qs);
    }

    @Test
    void sameInstanceAndRegIdReplacesTheBindingEvenWithANewContactUri() {
        String instance = "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";
        Instant first = clock.instant();
        accepted(register().callId("boot-1").from(NATED_UDP).nat(NATED)
                .contacts(outbound("sip:alice@192.168.1.20:5060;transport=udp", instance, 1)));
        clock.advanceSeconds(30);
        // The phone moved to another network: new address, new Call-ID, same instance.
        Flow moved = Flow.of(Transport.UDP, Requests.GATEWAY, new InetSocketAddress("198.51.100.77", 5060));

        accepted(register().callId("boot-2").from(moved)
                .contacts(outbound("sip:alice@198.51.100.77:5060;transport=udp", instance, 1)));

        Binding b = only();
        assertEquals("sip:alice@198.51.100.77:5060;transport=udp", b.contact());
        assertEquals(moved, b.received());
        assertEquals(Set.of(), b.nat());
        assertEquals(Optional.of(instance), b.instanceId());
        assertEquals(OptionalInt.of(1), b.regId());
        assertEquals(first, b.firstSeen());
    }

    @Test
    void sameInstanceWithAnotherRegIdIsASecondFlow() {
        String instance = "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";
        accepted(register().contacts(outbound("sip:alice@198.51.100.7:5060", instance, 1)));

        accepted(register().callId("second-flow").contacts(outbound("sip:alice@198.51.100.7:5070", instance, 2)));

        assertEquals(2, location.lookup(AOR).size());
    }

    @Test
    void instanceBindingIsRemovedByItsInstanceNotItsUri() {
        String instance = "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";
        accepted(register().cseq(1).contacts(outbound("sip:alice@198.51.100.7:5060", instance, 1)));

        ContactSpec removal = new ContactSpec("sip:alice@198.51.100.7:5999", OptionalInt.of(0), 1000,
                Optional.of(instance), OptionalInt.of(1));
        accepted(register().cseq(2).contacts(removal));

        assertEquals(List.of(), location.lookup(AOR));
    }

    // --- expiry ---

    @Test
    void expiredBindingDisappearsFromLookup() {
        accepted(register().contacts(contact("sip:alice@198.51.100.7:5060", 120)));

        clock.advanceSeconds(119);
        assertEquals(1, location.lookup(AOR).size());
        clock.advanceSeconds(1);
        assertEquals(List.of(), location.lookup(AOR));
    }

    @Test
    void purgeExpiredRemovesOnlyExpiredBindingsAndReportsTheCount() {
        accepted(register().callId("a").contacts(contact("sip:alice@198.51.100.1", 120),
                contact("sip:alice@198.51.100.2", 600)));
        accepted(register().aor("sip:bob@example.org").contacts(contact("sip:bob@198.51.100.3", 120)));
        accepted(register().aor("sip:carol@example.org").contacts(contact("sip:carol@198.51.100.4", 120)));
        assertEquals(4, location.size());
        clock.advanceSeconds(300);
        listener.clear();

        int purged = location.expire();

        assertEquals(3, purged);
        assertEquals(1, location.size());
        assertEquals("sip:alice@198.51.100.2", only().contact());
        assertEquals(3, listener.removed.size());
        assertEquals(0, location.expire());
    }

    @Test
    void expiredBindingIsReplacedAsNewWhenTheClientComesBack() {
        accepted(register().callId("call-1").cseq(5).contacts(contact("sip:alice@198.51.100.7:5060", 120)));
        clock.advanceSeconds(500);

        // Even the same Call-ID with an old CSeq is fine: the old binding no longer exists.
        accepted(register().callId("call-1").cseq(1).contacts(contact("sip:alice@198.51.100.7:5060", 120)));

        Binding b = only();
        assertEquals(clock.instant(), b.firstSeen());
        assertEquals(1, b.cseq());
    }

    // --- listener ---

    @Test
    void listenerSeesSavedOnAddAndRefresh() {
        accepted(register().cseq(1));
        Binding added = only();
        assertEquals(List.of(added), listener.saved);

        clock.advanceSeconds(60);
        accepted(register().cseq(2));

        assertEquals(List.of(added, only()), listener.saved);
        assertEquals(List.of(), listener.removed);
    }

    @Test
    void listenerSeesRemovedOnExpiresZero() {
        accepted(register().cseq(1));
        Binding added = only();
        listener.clear();

        accepted(register().cseq(2).contacts(contact("sip:alice@198.51.100.7:5060", 0)));

        assertEquals(List.of(added), listener.removed);
        assertEquals(List.of(), listener.saved);
    }

    @Test
    void listenerIsNotToldAboutRefusedRequests() {
        accepted(register().cseq(5));
        listener.clear();

        registrar.register(register().cseq(4).build());
        registrar.register(register().cseq(6).contacts(contact("sip:alice@198.51.100.7:5060", 1)).build());
        registrar.register(register().cseq(7).wildcard().build());

        assertEquals(List.of(), listener.saved);
        assertEquals(List.of(), listener.removed);
    }

    @Test
    void replacedInstanceBindingIsSavedNotRemoved() {
        String instance = "<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>";
        accepted(register().callId("a").contacts(outbound("sip:alice@198.51.100.7:5060", instance, 1)));
        listener.clear();

        accepted(register().callId("b").contacts(outbound("sip:alice@198.51.100.8:5060", instance, 1)));

        // Same key: the store must overwrite the row, not delete it after writing.
        assertEquals(1, listener.saved.size());
        assertEquals(List.of(), listener.removed);
        assertTrue(listener.saved.get(0).contact().endsWith("198.51.100.8:5060"));
    }
}
