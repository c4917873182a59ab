package org.natterjack.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.capture.SipCapture;
import org.natterjack.config.GatewayConfig;
import org.natterjack.config.LiveConfig;
import org.natterjack.config.RegistrarSettings;
import org.natterjack.config.RelayInterfaceSettings;
import org.natterjack.config.RelaySettings;
import org.natterjack.location.Binding;
import org.natterjack.location.MemoryLocationService;
import org.natterjack.location.NodeId;
import org.natterjack.media.relay.MediaRelay;
import org.natterjack.nat.NatIndication;
import org.natterjack.nat.NatPolicy;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;
import org.natterjack.sip.auth.DigestAlgorithm;
import org.natterjack.status.GatewayStatus;
import org.natterjack.store.CallRecordRepository;
import org.natterjack.store.GroupRepository;
import org.natterjack.store.RouteRepository;
import org.natterjack.store.SettingsRepository;
import org.natterjack.store.Store;
import org.natterjack.store.UserRepository;
import org.natterjack.testing.MutableClock;
import org.natterjack.users.UserPolicy;

class CoreAdminTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final List<String> hungUp = new ArrayList<>();
    private UserRepository users;
    private RouteRepository routes;
    private MemoryLocationService location;
    private MediaRelay relay;
    private CoreAdmin admin;

    @BeforeEach
    void start() {
        Store store = Store.open(dir);
        users = new UserRepository(store, clock);
        routes = new RouteRepository(store);
        location = new MemoryLocationService(NodeId.LOCAL, clock);
        relay = MediaRelay.start(new RelaySettings(true, false, 18100, 18119, List.of(new RelayInterfaceSettings(
                InetAddress.getLoopbackAddress(), Optional.empty(), 0, 0)), 60, 3600, 5, 1),
                InetAddress.getLoopbackAddress(), clock);
        GatewayConfig defaults = GatewayConfig.defaults();
        GatewayConfig config = new GatewayConfig(dir, defaults.sip(), new RegistrarSettings(60, 3600, 3600, 7),
                defaults.auth(), defaults.nat(), defaults.proxy(), defaults.dns(), defaults.relay(),
                defaults.websocket(), defaults.metrics(), defaults.cdr(), defaults.capture(), defaults.plugins(),
                defaults.store(), defaults.node());
        LiveConfig live = new LiveConfig(config);
        admin = new CoreAdmin(users, routes, new GroupRepository(store), location,
                new GatewayStatus(clock, location, relay, () -> 7),
                callId -> hungUp.add(callId), config, live, new SettingsRepository(store, clock), null,
                new CallRecordRepository(store), SipCapture.OFF, Optional.empty(), NodeId.LOCAL, clock);
    }

    @AfterEach
    void stop() {
        relay.close();
        users.close();
        routes.close();
    }

    @Test
    void anAddedUserCanAuthenticateAtOnceAndKeepsItsDisplayName() {
        SipUserInfo added = admin.users().add(new NewSipUser("alice", "", "Alice <b>", "secret", null, null, null));

        assertEquals(new SipUserInfo("alice", "", "natterjack", "Alice <b>", 0, 7, "auto", "", true), added);
        users.refreshIfChanged();
        assertEquals(DigestAlgorithm.MD5.ha1("alice", "natterjack", "secret"),
                users.find("alice", "example.org").orElseThrow().ha1().get(DigestAlgorithm.MD5));
        assertEquals(List.of(added), admin.users().list());
    }

    @Test
    void aUserWithADomainIsHashedForTheOneRealmToo() {
        assertEquals("natterjack",
                admin.users().add(new NewSipUser("bob", "example.org", null, "pw", null, null, null)).realm());
        assertTrue(admin.users().find("bob", "EXAMPLE.org").isPresent());
        assertTrue(admin.users().find("bob", "").isEmpty());
    }

    @Test
    void aPasswordChangeReplacesTheCredentials() {
        admin.users().add(new NewSipUser("alice", "", "", "old", null, null, null));

        SipUserInfo updated = admin.users().update("alice", "",
                new SipUserUpdate(Optional.of("Alice"), Optional.of("new"), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty())).orElseThrow();

        assertEquals("Alice", updated.displayName());
        users.refreshIfChanged();
        assertEquals(DigestAlgorithm.SHA_256.ha1("alice", "natterjack", "new"),
                users.find("alice", "").orElseThrow().ha1().get(DigestAlgorithm.SHA_256));
        assertTrue(admin.users().update("nobody", "", new SipUserUpdate(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isEmpty());
    }

    @Test
    void invalidOrDuplicateUsersAreRefusedNamingTheField() {
        admin.users().add(new NewSipUser("alice", "", "", "pw", null, null, null));

        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> admin.users().add(new NewSipUser("alice", "", "", "pw", null, null, null))).getMessage()
                .startsWith("username"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NewSipUser("a b", "", "", "pw", null, null, null)).getMessage().startsWith("username"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NewSipUser("carol", "", "", "", null, null, null)).getMessage().startsWith("password"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new NewSipUser("carol", "a/b", "", "pw", null, null, null)).getMessage().startsWith("domain"));
        assertTrue(admin.users().remove("alice", ""));
        assertFalse(admin.users().remove("alice", ""));
    }

    @Test
    void thePolicyIsStoredShownAndAppliesAtOnce() {
        SipUserInfo added = admin.users().add(new NewSipUser("alice", "", "", "pw", 2, "ALWAYS", " user:bob "));

        assertEquals(new SipUserInfo("alice", "", "natterjack", "", 2, 2, "always", "user:bob", true), added);
        assertEquals(new UserPolicy(2, NatPolicy.ALWAYS, "user:bob"), users.of("alice", "example.org"));

        SipUserInfo updated = admin.users().update("alice", "", new SipUserUpdate(Optional.empty(), Optional.empty(),
                Optional.of(0), Optional.of("never"), Optional.empty(), Optional.of(false))).orElseThrow();

        assertEquals(new SipUserInfo("alice", "", "natterjack", "", 0, 7, "never", "user:bob", false), updated);
        assertEquals(NatPolicy.NEVER, users.of("alice", "").natPolicy());
        assertFalse(users.of("alice", "").tunnel(), "the tunnel is denied from now on");
    }

    @Test
    void anInvalidPolicyIsRefusedNamingTheField() {
        assertEquals("maxContacts", refusedField(() -> new NewSipUser("carol", "", "", "pw", 101, null, null)));
        assertEquals("natPolicy", refusedField(() -> new NewSipUser("carol", "", "", "pw", 0, "sometimes", null)));
        assertEquals("homeRoute", refusedField(() -> new SipUserUpdate(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of("trunk:Bad Name"), Optional.empty())));
        assertEquals("maxContacts", refusedField(() -> new SipUserUpdate(Optional.empty(), Optional.empty(),
                Optional.of(-1), Optional.empty(), Optional.empty(), Optional.empty())));
    }

    @Test
    void everyInvalidFieldOfAnAccountIsRefusedAsAValue() {
        assertEquals("username", refusedField(() -> new NewSipUser("bad name", "", "", "pw", 0, null, null)));
        assertEquals("domain", refusedField(() -> new NewSipUser("carol", "bad domain!", "", "pw", 0, null, null)));
        assertEquals("displayName", refusedField(() -> new NewSipUser("carol", "", "x".repeat(101), "pw", 0, null,
                null)));
        assertEquals("password", refusedField(() -> new NewSipUser("carol", "", "", "", 0, null, null)));
        admin.users().add(new NewSipUser("carol", "", "", "pw", 0, null, null));
        InvalidFieldException exists = assertThrows(InvalidFieldException.class,
                () -> admin.users().add(new NewSipUser("carol", "", "", "pw", 0, null, null)));
        assertEquals(List.of(new FieldError("username", "username: carol exists already")), exists.errors());
        assertEquals(exists.errors().get(0).message(), exists.getMessage());
    }

    private static String refusedField(org.junit.jupiter.api.function.Executable refused) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, refused);
        assertEquals(1, e.errors().size(), e.errors().toString());
        assertTrue(e.getMessage().startsWith(e.errors().get(0).field().equals("displayName") ? "display name:"
                : e.errors().get(0).field() + ":"), e.getMessage());
        return e.errors().get(0).field();
    }

    @Test
    void registrationsShowWhatTheNetworkShowedAndCanBeRemoved() {
        Instant now = clock.instant();
        Flow flow = Flow.of(Transport.UDP, new InetSocketAddress("192.0.2.10", 5060),
                new InetSocketAddress("198.51.100.7", 40000));
        location.restore(List.of(new Binding("sip:alice@example.org", "sip:alice@10.0.0.5:5060", flow, NodeId.LOCAL,
                Set.of(NatIndication.CONTACT_PRIVATE), now.plusSeconds(60), 1000, "c", 1, Optional.empty(),
                OptionalInt.empty(), "Phone/1.0", now, now, List.of())));

        RegistrationInfo r = admin.registrations().list().get(0);

        assertEquals(new RegistrationInfo("sip:alice@example.org", "sip:alice@10.0.0.5:5060",
                "sip:alice@10.0.0.5:5060", "198.51.100.7:40000", "UDP", true, List.of("CONTACT_PRIVATE"), 60,
                "Phone/1.0", "local", List.of()), r);
        assertTrue(admin.registrations().unregister(r.aor(), r.key()));
        assertEquals(List.of(), admin.registrations().list());
        assertFalse(admin.registrations().unregister(r.aor(), r.key()));
    }

    @Test
    void theSimulatorAnswersAsTheTableDoes() {
        RouteRule did = admin.routes().add(rule(10, "4930", 4, "user:*", true));
        RouteRule premium = admin.routes().add(rule(20, "4930", 0, "reject:403", false));

        RouteSimulation sim = admin.routes().simulate("4930123", "192.0.2.1");

        assertEquals(List.of(new RouteSimulation.Step(did.id(), 10, "", "123", "user:123", true),
                new RouteSimulation.Step(premium.id(), 20, "", "4930123", "reject:403", false)), sim.steps());
        assertEquals(List.of(), admin.routes().simulate("555", "192.0.2.1").steps());
        RouteRule group = admin.routes().add(rule(5, "555", 0, "group:sales", false));
        assertEquals("group:sales", admin.routes().simulate("555", "192.0.2.1").steps().get(0).destination());
        assertEquals(group.id(), admin.routes().simulate("555", "192.0.2.1").steps().get(0).ruleId());
    }

    @Test
    void reorderingChangesWhichRuleMatchesFirst() {
        RouteRule a = admin.routes().add(rule(10, "1", 0, "reject:403", false));
        RouteRule b = admin.routes().add(rule(20, "1", 0, "reject:404", false));

        admin.routes().reorder(List.of(b.id(), a.id()));

        assertEquals(List.of(b.id(), a.id()), admin.routes().list().stream().map(RouteRule::id).toList());
        assertEquals("reject:404", admin.routes().simulate("1", "").steps().get(0).destination());
        assertThrows(IllegalArgumentException.class, () -> admin.routes().reorder(List.of(a.id())));
    }

    @Test
    void invalidRulesAndSourcesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> admin.routes().add(rule(10, "1", 0, "nowhere", false)));
        assertThrows(IllegalArgumentException.class, () -> admin.routes().add(rule(10, "", 0, "reject:403", false)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> admin.routes().simulate("1", "example.org"))
                .getMessage().startsWith("source"));
        assertEquals(List.of(), admin.routes().list());
    }

    @Test
    void callsComeFromTheRelayAndHangingUpAsksTheProxy() {
        relay.open("call-1");

        ActiveCall call = admin.calls().list().get(0);

        assertEquals("call-1", call.callId());
        assertFalse(call.answered());
        assertFalse(call.isOneWayAudio());
        assertTrue(admin.calls().hangUp("call-1"));
        assertEquals(List.of("call-1"), hungUp);
        assertEquals(1, admin.status().relaySessions());
        assertEquals(7, admin.status().callsRefusedOverloaded());
    }

    @Test
    void oneWayAudioIsOneSideSendingAndTheOtherNot() {
        ActiveCall.MediaLeg sending = new ActiveCall.MediaLeg("127.0.0.1:20000", Optional.empty(), 50, 0, 0,
                Optional.empty(), Optional.empty());
        ActiveCall.MediaLeg silent = new ActiveCall.MediaLeg("127.0.0.1:20002", Optional.empty(), 0, 50, 0,
                Optional.empty(), Optional.empty());

        assertTrue(new ActiveCall.MediaStream("audio", sending, silent).isOneWay());
        assertFalse(new ActiveCall.MediaStream("audio", sending, sending).isOneWay());
        assertFalse(new ActiveCall.MediaStream("audio", silent, silent).isOneWay());
    }

    private static RouteRule rule(int position, String prefix, int strip, String destination, boolean failover) {
        return new RouteRule(0, position, prefix, null, null, strip, null, null, null, destination, failover, null);
    }

    @Test
    void ringGroupsAreAddedChangedAndRemovedAndRouteAtOnce() {
        admin.routes().add(rule(10, "555", 0, "group:sales", false));
        RingGroupInfo sales = admin.groups().add(new RingGroupInfo(" sales ", List.of("alice", "bob"), null, 20));

        assertEquals(new RingGroupInfo("sales", List.of("alice", "bob"), "parallel", 20), sales);
        assertEquals(List.of(sales), admin.groups().list());
        assertEquals(List.of("alice", "bob"), routes.table().group("sales").orElseThrow().members());
        RingGroupInfo changed = new RingGroupInfo("sales", List.of("carol"), "sequential", 15);
        assertEquals(Optional.of(changed), admin.groups().update(changed));
        assertEquals(Optional.of(changed), admin.groups().find("sales"));
        assertEquals(Optional.empty(), admin.groups().update(new RingGroupInfo("support", List.of("dave"), null, 5)));
        assertTrue(admin.groups().remove("sales"));
        assertFalse(admin.groups().remove("sales"));
    }

    @Test
    void invalidRingGroupsAreRefusedAndNothingIsSaved() {
        admin.groups().add(new RingGroupInfo("sales", List.of("alice"), "parallel", 30));

        assertThrows(IllegalArgumentException.class,
                () -> admin.groups().add(new RingGroupInfo("sales", List.of("bob"), "parallel", 30)));
        assertThrows(IllegalArgumentException.class,
                () -> admin.groups().add(new RingGroupInfo("Support Team", List.of("bob"), "parallel", 30)));
        assertThrows(IllegalArgumentException.class,
                () -> admin.groups().add(new RingGroupInfo("support", List.of(), "parallel", 30)));
        assertThrows(IllegalArgumentException.class,
                () -> admin.groups().add(new RingGroupInfo("support", List.of("bob"), "random", 30)));
        assertThrows(IllegalArgumentException.class,
                () -> admin.groups().update(new RingGroupInfo("sales", List.of("bob "), "parallel", 30)));
        assertEquals(List.of(new RingGroupInfo("sales", List.of("alice"), "parallel", 30)), admin.groups().list());
    }

    @Test
    void recentLogsAreFilteredByLevelTextAndLogger() {
        org.slf4j.LoggerFactory.getLogger("org.natterjack.admin.check").warn("Trunk CITY down: no answer");
        org.slf4j.LoggerFactory.getLogger("org.natterjack.other").info("trunk city up");

        List<LogEntry> warnings = admin.logs().find(new LogQuery("warn", "trunk city", "", 10));
        assertEquals("Trunk CITY down: no answer", warnings.get(0).message());
        assertTrue(warnings.stream().allMatch(e -> e.level().equals("WARN") || e.level().equals("ERROR")));
        List<LogEntry> adminOnly = admin.logs().find(new LogQuery("", "trunk city", "org.natterjack.admin", 10));
        assertEquals(List.of("Trunk CITY down: no answer"), adminOnly.stream().map(LogEntry::message).toList());
        assertEquals(1, admin.logs().find(new LogQuery("INFO", "", "", 1)).size());
        assertThrows(IllegalArgumentException.class, () -> new LogQuery("LOUD", "", "", 10));
        assertThrows(IllegalArgumentException.class, () -> new LogQuery("", "", "", 0));
    }
}
