package org.natterjack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.natterjack.it.AsteriskChroot;
import org.natterjack.it.GatewayProcess;
import org.natterjack.it.Topology;

/**
 * Two Asterisk PBXs, each behind its own NAT and registered to the gateway as a user, call each other through it:
 * tones both ways through the media relay, hold and resume from either side (re-INVITEs answered recvonly and
 * sendrecv), BYE.
 */
class AsteriskSelfCallIT {

    private static final String GATEWAY = "203.0.113.10";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void twoAsterisksBehindTwoNatsTalkHoldAndHangUpThroughTheGateway() throws Exception {
        AsteriskChroot.get(); // skips without root, builds the chroot once
        Path gatewayDir = dir.resolve("gateway");
        GatewayProcess.runOk(gatewayDir.resolve("data"), "user", "add", "alice", "--password", "pw-alice");
        GatewayProcess.runOk(gatewayDir.resolve("data"), "user", "add", "bob", "--password", "pw-bob");
        Topology network = Topology.up("ia" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36), 30, 2);
        try (GatewayProcess gateway = GatewayProcess.start(gatewayDir, "auth:\n  algorithms: [MD5]\n",
                network.netns("pub"), "--listen", GATEWAY + ":5060")) {
            try (AsteriskPhone alice = new AsteriskPhone(spec("alice", network.netns("cli"), 440));
                 AsteriskPhone bob = new AsteriskPhone(spec("bob", network.netns("cli2"), 1000))) {
                alice.register();
                bob.register();
                alice.call("bob");
                bob.answer();
                Thread.sleep(3000); // three seconds of tones both ways
                alice.hold();
                alice.resume();
                bob.hold();
                bob.resume();
                Thread.sleep(2000);
                alice.hangUp();
                bob.awaitHangUp();

                double aliceHeard = secondsOfTone(alice.lastCallAudio(), 1000);
                double bobHeard = secondsOfTone(bob.lastCallAudio(), 440);
                System.out.printf("alice heard 1000 Hz for %.1f s, bob 440 Hz for %.1f s%n", aliceHeard, bobHeard);
                assertTrue(aliceHeard >= 3, "alice heard bob's 1000 Hz: " + aliceHeard + " s");
                assertTrue(bobHeard >= 3, "bob heard alice's 440 Hz: " + bobHeard + " s");
            }
            for (String holder : List.of("alice", "bob")) {
                String other = holder.equals("alice") ? "bob" : "alice";
                String log = Files.readString(dir.resolve(other).resolve("asterisk-messages.log"));
                assertTrue(Pattern.compile("Received SIP request[^\\n]*\\nINVITE [^\\[]*\\na=sendonly").matcher(log).find(),
                        other + " got " + holder + "'s hold");
                assertTrue(Pattern.compile("Transmitting SIP response[^\\n]*\\nSIP/2.0 200 [^\\[]*\\na=recvonly")
                        .matcher(log).find(), other + " answered the hold recvonly");
            }
            assertRelayCarriedBothWays(gateway);
            List<String> complaints = gateway.log().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                    .toList();
            assertEquals(List.of(), complaints, "the gateway had nothing to complain about");
        } finally {
            network.down();
        }
    }

    private PhoneSpec spec(String user, List<String> netns, int toneHz) {
        return new PhoneSpec(user, "pw-" + user, GATEWAY, GATEWAY + ":5060", netns, "10.0.0.2", dir.resolve(user), toneHz);
    }

    private static void assertRelayCarriedBothWays(GatewayProcess gateway) throws Exception {
        String summary = null;
        for (int i = 0; i < 100 && summary == null; i++) {
            summary = gateway.log().lines().filter(l -> l.contains("media relay closed")).findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertTrue(summary != null, "the relay session closed:\n" + gateway.log());
        Matcher m = Pattern.compile("caller sent (\\d+) got (\\d+) pkts from /203\\.0\\.113\\.1:\\d+.*"
                + "callee sent (\\d+) got (\\d+) pkts from /203\\.0\\.113\\.2:\\d+").matcher(summary);
        assertTrue(m.find(), "each party latched at its NAT's public address: " + summary);
        for (int group = 1; group <= 4; group++) {
            assertTrue(Long.parseLong(m.group(group)) >= 150, "RTP both ways: " + summary);
        }
    }

    /**
     * Seconds of {@code wav} (16-bit PCM) whose 100 ms blocks are audible and carry at least half their energy at
     * {@code hz} (Goertzel, 10 Hz bins).
     */
    static double secondsOfTone(Path wav, int hz) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new File(wav.toString()))) {
            AudioFormat format = in.getFormat();
            assertEquals(16, format.getSampleSizeInBits(), wav + ": " + format);
            byte[] bytes = in.readAllBytes();
            int channels = format.getChannels();
            int rate = (int) format.getSampleRate();
            int block = rate / 10;
            int frames = bytes.length / (2 * channels);
            double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
            int toneBlocks = 0;
            for (int start = 0; start + block <= frames; start += block) {
                double energy = 0;
                double s1 = 0;
                double s2 = 0;
                for (int i = start; i < start + block; i++) {
                    int at = 2 * channels * i;
                    double x = format.isBigEndian() ? (short) ((bytes[at] << 8) | (bytes[at + 1] & 0xff))
                            : (short) ((bytes[at + 1] << 8) | (bytes[at] & 0xff));
                    energy += x * x;
                    double s = x + coefficient * s1 - s2;
                    s2 = s1;
                    s1 = s;
                }
                double power = 2 * (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / block;
                if (energy / block > 100 * 100 && power >= 0.5 * energy) {
                    toneBlocks++;
                }
            }
            return toneBlocks / 10.0;
        }
    }
}
