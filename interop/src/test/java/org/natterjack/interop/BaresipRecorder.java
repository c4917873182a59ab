package org.natterjack.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The audio a baresip phone receives during one call, taken off the wire in its namespace: dumpcap records
 * the UDP datagrams for the phone's RTP ports, and {@link #stop} decodes their G.711 payloads (PCMU, PCMA)
 * in arrival order into an 8 kHz mono WAV file.
 *
 * <p>baresip 1.0.0 cannot record it itself across a hold: its {@code sndfile} filter stops writing at the
 * first re-INVITE that is not sendrecv (audio_decoder_set() flushes the decode filters and aufilt_setup()
 * re-creates none while the encode side still has its own), and without a sound card there is no audio
 * player that keeps real time (ALSA's "null" device does not pace the player thread).
 */
final class BaresipRecorder {

    private final Process dumpcap;
    private final Path pcap;

    private BaresipRecorder(Process dumpcap, Path pcap) {
        this.dumpcap = dumpcap;
        this.pcap = pcap;
    }

    /** Starts capturing UDP to {@code address} on {@code ports} ("LOW-HIGH"); returns once dumpcap captures. */
    static BaresipRecorder start(List<String> netns, String address, String ports, Path pcap)
            throws IOException, InterruptedException {
        Path log = Path.of(pcap + ".log");
        List<String> cmd = new ArrayList<>(netns);
        cmd.addAll(List.of("dumpcap", "-q", "-i", "any", "-P", "-w", pcap.toString(),
                "-f", "udp and dst host " + address + " and dst portrange " + ports));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        for (int i = 0; i < 200; i++) {
            if (Files.exists(log) && Files.readString(log).contains("Capturing on")) {
                return new BaresipRecorder(p, pcap);
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionError("dumpcap did not start capturing within 20 s:\n"
                + (Files.exists(log) ? Files.readString(log) : ""));
    }

    /** Stops the capture and writes the decoded audio to {@code wav}. */
    Path stop(Path wav) throws IOException, InterruptedException {
        cancel();
        byte[] pcm = decode(Files.readAllBytes(pcap));
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
        return wav;
    }

    /** Stops the capture (dumpcap closes its file on SIGTERM). */
    void cancel() throws InterruptedException {
        dumpcap.destroy();
        if (!dumpcap.waitFor(10, TimeUnit.SECONDS)) {
            dumpcap.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** 16-bit little-endian samples of the G.711 RTP packets in a classic pcap file. */
    static byte[] decode(byte[] file) {
        if (file.length < 24) {
            return new byte[0];                          // dumpcap wrote nothing, not even its header
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int magic = b.getInt(0);
        b.order(magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int linkHeader = switch (b.getInt(20)) {
            case 1 -> 14;      // Ethernet
            case 113 -> 16;    // Linux cooked capture ("any")
            case 276 -> 20;    // Linux cooked capture v2
            default -> 0;      // raw IP
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 24; at + 16 <= file.length; ) {
            int length = b.getInt(at + 8);
            int packet = at + 16;
            at = packet + length;
            if (at > file.length) {
                break;                                   // cut short when dumpcap stopped
            }
            int ip = packet + linkHeader;
            int udp = ip + (file[ip] & 0x0f) * 4;
            int rtp = udp + 8;
            int end = packet + length;
            if ((file[ip] & 0xf0) != 0x40 || file[ip + 9] != 17 || rtp + 12 > end || (file[rtp] & 0xc0) != 0x80) {
                continue;                                // not IPv4/UDP/RTP version 2
            }
            int payloadType = file[rtp + 1] & 0x7f;      // RTCP (200-204) reads as 72-76 here
            int payload = rtp + 12 + (file[rtp] & 0x0f) * 4;
            if ((file[rtp] & 0x10) != 0) {
                payload += 4 + 4 * (((file[payload + 2] & 0xff) << 8) | (file[payload + 3] & 0xff));
            }
            if ((file[rtp] & 0x20) != 0) {
                end -= file[end - 1] & 0xff;             // padding
            }
            for (int i = payload; i < end && (payloadType == 0 || payloadType == 8); i++) {
                int sample = payloadType == 0 ? ulaw(file[i]) : alaw(file[i]);
                out.write(sample & 0xff);
                out.write((sample >> 8) & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** ITU-T G.711 mu-law to linear. */
    static int ulaw(byte code) {
        int u = ~code & 0xff;
        int t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    /** ITU-T G.711 A-law to linear. */
    static int alaw(byte code) {
        int a = (code & 0xff) ^ 0x55;
        int segment = (a & 0x70) >> 4;
        int t = (a & 0x0f) << 4;
        t = segment == 0 ? t + 8 : (t + 0x108) << (segment - 1);
        return (a & 0x80) != 0 ? t : -t;
    }
}
