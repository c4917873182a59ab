package org.natterjack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.it.GatewayProcess;
import org.natterjack.it.Topology;

/**
 * Two baresip phones, each behind its own NAT, register to the gateway and call each other through it:
 * a call from alice with hold and resume on both sides, which alice ends, then a call from bob, which alice
 * (the callee) ends. Each side must have received the other's tone, also after the holds.
 */
class BaresipSelfCallIT {

    private static final String GATEWAY = "203.0.113.10";
    private static final int ALICE_HZ = 440;
    private static final int BOB_HZ = 1000;
    /** Time talked (not on hold) in each stretch of the call; the recordings must hold most of it. */
    private static final long TALK_MILLIS = 2500;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)   // logs, captures and recordings stay when it fails
    Path dir;
    private Topology network;
    private GatewayProcess gateway;

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (network != null) {
            network.down();
        }
    }

    @Test
    void twoBaresipsBehindTwoNatsCallEachOtherThroughTheGateway() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for network namespaces");
        network = Topology.up("ibit", 30, 2);
        for (String user : new String[] {"alice", "bob"}) {
            GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", "pw-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), "auth:\n  algorithms: [MD5]\n", network.netns("pub"),
                "--listen", GATEWAY + ":5060");

        try (BaresipPhone alice = phone("alice", "cli", ALICE_HZ); BaresipPhone bob = phone("bob", "cli2", BOB_HZ)) {
            alice.register();
            bob.register();
            assertEquals("baresip 1.0.0", alice.product());

            CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> run(bob::answer));
            alice.call("bob");
            answered.get(60, TimeUnit.SECONDS);
            Thread.sleep(TALK_MILLIS);
            alice.hold();
            Thread.sleep(1000);
            alice.resume();
            Thread.sleep(TALK_MILLIS);
            bob.hold();
            Thread.sleep(1000);
            bob.resume();
            Thread.sleep(TALK_MILLIS);
            alice.hangUp();
            bob.awaitHangUp();
            assertTone(alice.lastCallAudio(), BOB_HZ, 3 * TALK_MILLIS);
            assertTone(bob.lastCallAudio(), ALICE_HZ, 3 * TALK_MILLIS);

            answered = CompletableFuture.runAsync(() -> run(alice::answer));
            bob.call("alice");
            answered.get(60, TimeUnit.SECONDS);
            Thread.sleep(TALK_MILLIS);
            alice.hangUp();
            bob.awaitHangUp();
            assertTone(alice.lastCallAudio(), BOB_HZ, TALK_MILLIS);
            assertTone(bob.lastCallAudio(), ALICE_HZ, TALK_MILLIS);
        }
        assertTrue(gateway.log().contains("media relay closed"), "the calls went through the media relay");
    }

    private BaresipPhone phone(String user, String role, int toneHz) {
        return new BaresipPhone(new PhoneSpec(user, "pw-" + user, GATEWAY, GATEWAY + ":5060", network.netns(role),
                "10.0.0.2", dir.resolve(user), toneHz));
    }

    /** The recording holds at least 80 % of {@code talkedMillis} of a tone of about {@code hz}. */
    private static void assertTone(Path wav, int hz, long talkedMillis) throws Exception {
        short[] samples;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
        }
        double seconds = samples.length / 8000.0;
        assertTrue(seconds * 1000 >= 0.8 * talkedMillis, wav + " holds only " + seconds + " s of audio");
        int crossings = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                crossings++;
            }
        }
        double measured = crossings / 2.0 / seconds;
        System.out.printf("%s: %.2f s of audio at %.0f Hz%n", wav, seconds, measured);
        assertTrue(Math.abs(measured - hz) < 0.05 * hz, wav + ": expected a tone of " + hz + " Hz, measured " + measured);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void run(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
