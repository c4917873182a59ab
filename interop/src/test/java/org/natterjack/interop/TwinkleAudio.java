package org.natterjack.interop;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Twinkle's sound card, made of two ALSA file plugins (resources twinkle/asoundrc): a FIFO as microphone,
 * fed here with a sine tone in real time, and a shell command as speaker that appends what Twinkle plays
 * to a raw file. Twinkle opens both devices when a call's media starts and closes them on hold and hang-up.
 */
final class TwinkleAudio implements AutoCloseable {

    private static final int RATE = 8000;
    /** One 20 ms period of 16-bit mono samples, what Twinkle reads at a time for G.711. */
    private static final int PERIOD_SAMPLES = RATE / 50;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Path mic;
    private final Path received;
    private final Path segments;
    private final int toneHz;
    private volatile boolean running;
    private Thread feeder;

    TwinkleAudio(Path dir, int toneHz) {
        this.mic = dir.resolve("mic.fifo");
        this.received = dir.resolve("received.raw");
        this.segments = dir.resolve("speaker-segments");
        this.toneHz = toneHz;
    }

    /** The values for the placeholders of the asoundrc template. */
    Map<String, String> devices() {
        return Map.of("mic", mic.toString(), "received", received.toString(), "segments", segments.toString());
    }

    /** Creates the microphone FIFO and starts feeding it: the feeder waits until Twinkle opens it. */
    void start() throws IOException, InterruptedException {
        Files.deleteIfExists(mic);
        Process mkfifo = new ProcessBuilder("mkfifo", mic.toString()).redirectErrorStream(true).start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IOException("mkfifo " + mic + " failed: " + new String(mkfifo.getInputStream().readAllBytes()));
        }
        running = true;
        feeder = new Thread(this::feed, "twinkle-mic-" + mic.getParent().getFileName());
        feeder.setDaemon(true);
        feeder.start();
    }

    /** Writes the tone at the real-time rate whenever Twinkle has its microphone open; the phase runs on. */
    private void feed() {
        byte[] period = new byte[PERIOD_SAMPLES * 2];
        long sample = 0;
        while (running) {
            // Blocks until Twinkle opens the microphone (or close() opens the FIFO to let this thread go).
            try (OutputStream out = new FileOutputStream(mic.toFile())) {
                long start = System.nanoTime();
                for (long n = 1; running; n++) {
                    for (int i = 0; i < PERIOD_SAMPLES; i++, sample++) {
                        int v = (int) Math.round(10000 * Math.sin(2 * Math.PI * toneHz * sample / RATE));
                        period[2 * i] = (byte) v;
                        period[2 * i + 1] = (byte) (v >> 8);
                    }
                    out.write(period);
                    long wait = start + n * PERIOD_NANOS - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else if (wait < -5 * PERIOD_NANOS) {
                        start = System.nanoTime(); // Twinkle stalled: resume the pace from now, no burst
                        n = 0;
                    }
                }
            } catch (IOException closedByTwinkle) {
                // Broken pipe: Twinkle closed the microphone (hold, hang-up); wait for the next opening.
            }
        }
    }

    /** Forgets the recording of the previous call; to be called before a new call starts. */
    void newCall() throws IOException {
        Files.deleteIfExists(received);
        Files.deleteIfExists(segments);
    }

    /**
     * Waits (bounded) until Twinkle closed its speaker as often as it opened it, so the recording is complete,
     * and writes it to {@code wav}.
     */
    void saveCall(Path wav) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!speakerClosed()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Twinkle did not close its speaker within 10 s: " + readSegments());
            }
            Thread.sleep(50);
        }
        byte[] pcm = Files.exists(received) ? Files.readAllBytes(received) : new byte[0];
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, wav.toFile());
        }
    }

    private boolean speakerClosed() throws IOException {
        List<String> lines = readSegments();
        return lines.stream().filter("open"::equals).count() == lines.stream().filter("closed"::equals).count();
    }

    private List<String> readSegments() throws IOException {
        return Files.exists(segments) ? Files.readAllLines(segments) : List.of();
    }

    @Override
    public void close() {
        running = false;
        if (feeder != null && feeder.isAlive()) {
            // Opening the FIFO read-write never blocks and completes the feeder's pending open, if any.
            try (RandomAccessFile release = new RandomAccessFile(mic.toFile(), "rw")) {
                feeder.join(2000);
            } catch (IOException | InterruptedException e) {
                // a daemon thread at worst
            }
        }
    }
}
