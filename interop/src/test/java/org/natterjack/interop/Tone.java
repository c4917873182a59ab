package org.natterjack.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long a tone of a given frequency is heard in a recording: the WAV file is cut into 50 ms frames, and a
 * frame counts when it is not silence and the tone holds most of its energy (Goertzel's algorithm at that
 * frequency against the frame's total energy). G.711 through a relay keeps a clean sine well above that.
 */
final class Tone {

    private static final double FRAME_SECONDS = 0.05;
    /** Share of a frame's energy the tone must hold. */
    private static final double DOMINANCE = 0.5;
    /** Below this RMS (of 32768) a frame is silence, whatever its spectrum. */
    private static final double SILENCE_RMS = 100;

    private Tone() {
    }

    /** Seconds of {@code wav} in which the tone of {@code hz} dominates. */
    static double secondsOf(Path wav, int hz) throws IOException {
        Pcm pcm = Pcm.read(wav);
        int frame = (int) (pcm.rate() * FRAME_SECONDS);
        int frames = 0;
        for (int start = 0; start + frame <= pcm.samples().length; start += frame) {
            if (dominates(pcm.samples(), start, frame, hz, pcm.rate())) {
                frames++;
            }
        }
        return frames * FRAME_SECONDS;
    }

    private static boolean dominates(short[] s, int start, int n, int hz, int rate) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double previous = 0;
        double beforePrevious = 0;
        double energy = 0;
        for (int i = start; i < start + n; i++) {
            double current = s[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
            energy += (double) s[i] * s[i];
        }
        if (Math.sqrt(energy / n) < SILENCE_RMS) {
            return false;
        }
        double power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
        // A pure sine of amplitude A over n samples gives power (A n / 2)^2 and energy A^2 n / 2.
        return power * 2 / n / energy >= DOMINANCE;
    }

    /** 16-bit PCM samples of a WAV file's first channel. */
    private record Pcm(int rate, short[] samples) {

        static Pcm read(Path wav) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
                throw new IOException(wav + " is not a RIFF/WAVE file");
            }
            int rate = 0;
            int channels = 0;
            int bits = 0;
            b.position(12);
            while (b.remaining() >= 8) {
                int id = b.getInt();
                int size = b.getInt();
                int body = b.position();
                if (id == 0x20746d66) { // "fmt "
                    int format = b.getShort(body) & 0xffff;
                    channels = b.getShort(body + 2);
                    rate = b.getInt(body + 4);
                    bits = b.getShort(body + 14);
                    if (format != 1 && format != 0xfffe || bits != 16) {
                        throw new IOException(wav + ": only 16-bit PCM is read (format " + format + ", " + bits + " bits)");
                    }
                } else if (id == 0x61746164) { // "data"
                    if (rate == 0) {
                        throw new IOException(wav + ": data before fmt");
                    }
                    // A recorder killed before it finished writes a size of 0 or too large: read what is there.
                    int length = size <= 0 || size > b.remaining() ? b.remaining() : size;
                    short[] samples = new short[length / 2 / channels];
                    for (int i = 0; i < samples.length; i++) {
                        samples[i] = b.getShort(body + i * 2 * channels);
                    }
                    return new Pcm(rate, samples);
                }
                b.position(body + size + (size & 1));
            }
            throw new IOException(wav + " has no data chunk");
        }
    }
}
