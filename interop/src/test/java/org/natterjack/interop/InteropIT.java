package org.natterjack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natterjack.it.GatewayProcess;
import org.natterjack.it.Topology;

/**
 * The phones people have, through the gateway in its default configuration: real clients from Debian and
 * Asterisk as a PBX, each in a network namespace behind a NAT of its own (the same private address 10.0.0.2
 * behind each), register with digest authentication and call one another in a ring, so that every client
 * calls once and is called once (docs/interop.md has the results and what each client needs). Each call crosses two NATs with its media anchored in the relay; each party
 * sends a tone of its own, and each must hear the other's, before a hold and after the resume, and the call
 * ends with a BYE. The gateway's host never sends a packet to a private address.
 */
class InteropIT {

    private static final String GATEWAY = "203.0.113.10";
    /** Seconds of audio before the hold and again after the resume. */
    private static final int TALK_SECONDS = 3;

    /** The clients, in calling order (each calls the next, the last the first), with their tones. */
    private static final List<Client> CLIENTS = List.of(
            new Client("baresip", 440, BaresipPhone::new),
            new Client("twinkle", 880, TwinklePhone::new),
            new Client("linphone", 660, LinphonePhone::new),
            new Client("asterisk", 1100, AsteriskPhone::new));

    record Client(String name, int toneHz, Function<PhoneSpec, Phone> start) {
    }

    /** Kept after the run (logs, SIP traces, recordings of every client); emptied when the next run starts. */
    static final Path dir = Path.of("target/interop-it").toAbsolutePath();
    static Topology network;
    static GatewayProcess gateway;
    static final Map<String, Phone> phones = new LinkedHashMap<>();

    @BeforeAll
    static void registerEveryClient() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "InteropIT needs root (network namespaces, a chroot); skipped");
        deleteRecursively(dir);
        network = Topology.up("io" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36), 60,
                CLIENTS.size());
        for (Client c : CLIENTS) {
            GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", c.name(), "--password", "pw-" + c.name());
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), "", network.netns("pub"), "--listen", GATEWAY + ":5060");
        for (int i = 0; i < CLIENTS.size(); i++) {
            Client c = CLIENTS.get(i);
            PhoneSpec spec = new PhoneSpec(c.name(), "pw-" + c.name(), GATEWAY, GATEWAY + ":5060",
                    network.netns(i == 0 ? "cli" : "cli" + (i + 1)), "10.0.0.2", dir.resolve(c.name()), c.toneHz());
            Phone phone = c.start().apply(spec);
            phones.put(c.name(), phone);
            phone.register();
            System.out.println(c.name() + " registered: " + phone.product());
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        phones.values().forEach(Phone::close);
        if (gateway != null) {
            gateway.close();
        }
        if (network != null) {
            network.down();
        }
    }

    @Test
    void everyClientIsRegisteredThroughItsNat() throws Exception {
        for (Client c : CLIENTS) {
            List<Map<String, Object>> rows = gateway.awaitBindings("sip:" + c.name() + "@" + GATEWAY, 1);
            Map<String, Object> binding = rows.get(0);
            assertTrue(String.valueOf(binding.get("received_address")).startsWith("203.0.113."), binding.toString());
            assertTrue(!String.valueOf(binding.get("nat")).isEmpty(), "not seen as behind NAT: " + binding);
        }
    }

    static Stream<Arguments> calls() {
        List<Arguments> ring = new ArrayList<>();
        for (int i = 0; i < CLIENTS.size(); i++) {
            ring.add(Arguments.of(CLIENTS.get(i), CLIENTS.get((i + 1) % CLIENTS.size())));
        }
        return ring.stream();
    }

    @ParameterizedTest(name = "{0} calls {1}")
    @MethodSource("calls")
    void callWithAudioBothWaysHoldResumeAndBye(Client caller, Client callee) throws Exception {
        Phone from = phones.get(caller.name());
        Phone to = phones.get(callee.name());
        CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> unchecked(to::answer));
        from.call(callee.name());
        answered.get(60, TimeUnit.SECONDS);

        Thread.sleep(TALK_SECONDS * 1000L);
        Phone holder = from.holds() ? from : to;
        holder.hold();
        Thread.sleep(1000);
        holder.resume();
        Thread.sleep(TALK_SECONDS * 1000L);
        from.hangUp();
        to.awaitHangUp();

        // Both talk spells, so the far end was heard after the resume too (a spell is TALK_SECONDS long).
        double minimum = TALK_SECONDS * 1.5;
        double heardByCallee = Tone.secondsOf(to.lastCallAudio(), caller.toneHz());
        double heardByCaller = Tone.secondsOf(from.lastCallAudio(), callee.toneHz());
        System.out.printf("%s calls %s: %s heard %.2f s of %d Hz, %s heard %.2f s of %d Hz%n", caller.name(),
                callee.name(), callee.name(), heardByCallee, caller.toneHz(), caller.name(), heardByCaller,
                callee.toneHz());
        assertTrue(heardByCallee >= minimum, to.product() + " heard " + from.product() + " for " + heardByCallee + " s");
        assertTrue(heardByCaller >= minimum, from.product() + " heard " + to.product() + " for " + heardByCaller + " s");
        assertEquals(0, network.counter("pub", "to a private address"));
        List<String> complaints = gateway.log().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                .toList();
        assertEquals(List.of(), complaints, "the gateway complained about a well-behaved client");
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        if (java.nio.file.Files.exists(root)) {
            try (Stream<Path> paths = java.nio.file.Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(p);
                }
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void unchecked(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
