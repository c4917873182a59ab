package org.natterjack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.it.GatewayProcess;
import org.natterjack.it.Topology;

/**
 * Two Twinkles, each behind its own NAT, register to the gateway, call each other through it with a tone
 * each way, hold and resume, and hang up.
 */
class TwinkleSelfCallIT {

    private static final String GATEWAY = "203.0.113.10";
    private static final String CLIENT = "10.0.0.2";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private Topology network;
    private GatewayProcess gateway;
    private final List<TwinklePhone> phones = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for network namespaces");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/twinkle")), "twinkle is not installed");
        System.out.println("TwinkleSelfCallIT works in " + dir + " (kept if the test fails)");
        network = Topology.up("it" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36), 30, 2);
        for (String user : List.of("alice", "bob")) {
            GatewayProcess.runOk(dir.resolve("gw/data"), "user", "add", user, "--password", "pw-" + user);
        }
        gateway = GatewayProcess.start(dir.resolve("gw"), "auth:\n  algorithms: [MD5]\n", network.netns("pub"),
                "--listen", GATEWAY + ":5060");
    }

    @AfterEach
    void stop() throws Exception {
        phones.forEach(TwinklePhone::close);
        if (gateway != null) {
            gateway.close();
        }
        if (network != null) {
            network.down();
        }
    }

    private TwinklePhone phone(String user, String role, int toneHz) throws IOException {
        PhoneSpec spec = new PhoneSpec(user, "pw-" + user, GATEWAY, GATEWAY + ":5060", network.netns(role), CLIENT,
                Files.createDirectories(dir.resolve(user)), toneHz);
        TwinklePhone phone = new TwinklePhone(spec);
        phones.add(phone);
        return phone;
    }

    @Test
    void twoTwinklesBehindTwoNatsCallEachOtherHoldResumeAndHangUp() throws Exception {
        TwinklePhone alice = phone("alice", "cli", 440);
        TwinklePhone bob = phone("bob", "cli2", 1000);
        alice.register();
        bob.register();
        assertTrue(alice.product().startsWith("Twinkle "), alice.product());
        for (String user : List.of("alice", "bob")) {
            Map<String, Object> binding = gateway.awaitBindings("sip:" + user + "@" + GATEWAY, 1).get(0);
            assertTrue(binding.get("contact").toString().contains("@" + CLIENT), "private Contact: " + binding);
        }
        String registration = Files.readString(alice.sipLog());
        assertTrue(registration.matches("(?s).*\nAuthorization: Digest [^\n]*algorithm=MD5[^\n]*qop=auth.*"),
                "REGISTER answered the challenge with MD5 and qop=auth");

        CompletableFuture<Void> calling = CompletableFuture.runAsync(() -> {
            try {
                alice.call("bob");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        bob.answer();
        calling.get(60, TimeUnit.SECONDS);
        Thread.sleep(3000); // talk
        alice.hold();
        Thread.sleep(1000);
        alice.resume();
        Thread.sleep(3000); // talk again
        bob.hangUp();
        alice.awaitHangUp();

        String bobSaw = Files.readString(bob.sipLog());
        assertTrue(bobSaw.contains("a=sendonly"), "the hold re-INVITE reached bob");
        assertEquals(0, network.counter("pub", "to a private address"), "the gateway sent nothing to 10.0.0.0/8");
        assertTone(alice.lastCallAudio(), 1000);
        assertTone(bob.lastCallAudio(), 440);
    }

    /** The recording lasts at least 4 s and its strongest frequency (100 Hz to 3.9 kHz) is {@code hz}. */
    private static void assertTone(Path wav, int hz) throws IOException, UnsupportedAudioFileException {
        short[] samples;
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertEquals(8000f, in.getFormat().getSampleRate(), wav.toString());
            ByteBuffer pcm = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            samples = new short[pcm.remaining() / 2];
            pcm.asShortBuffer().get(samples);
        }
        assertTrue(samples.length >= 4 * 8000, wav + " holds " + samples.length / 8000.0 + " s of audio");
        int strongest = 0;
        double best = 0;
        for (int f = 100; f < 3900; f += 10) {
            double power = goertzel(samples, samples.length / 2 - 4000, 8000, f);
            if (power > best) {
                best = power;
                strongest = f;
            }
        }
        assertTrue(Math.abs(strongest - hz) <= 10, wav + ": strongest frequency " + strongest + " Hz, expected " + hz);
    }

    /** Power at {@code hz} of {@code n} samples from {@code start} (8 kHz). */
    private static double goertzel(short[] samples, int start, int n, int hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        for (int i = start; i < start + n; i++) {
            double s0 = samples[i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    }
}
