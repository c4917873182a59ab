package org.natterjack.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToneTest {

    @TempDir
    Path dir;

    /** One second each of: a 440 Hz tone, silence, a 1000 Hz tone, then 440 Hz under noise at 8 kHz. */
    private Path recording() throws IOException {
        int rate = 8000;
        short[] s = new short[rate * 4];
        java.util.Random noise = new java.util.Random(1);
        for (int i = 0; i < s.length; i++) {
            double t = (double) i / rate;
            int second = i / rate;
            double v = switch (second) {
                case 0 -> 8000 * Math.sin(2 * Math.PI * 440 * t);
                case 1 -> 0;
                case 2 -> 8000 * Math.sin(2 * Math.PI * 1000 * t);
                default -> 8000 * Math.sin(2 * Math.PI * 440 * t) + noise.nextGaussian() * 1500;
            };
            s[i] = (short) v;
        }
        return wav(rate, s);
    }

    private Path wav(int rate, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + samples.length * 2).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(samples.length * 2);
        for (short v : samples) {
            b.putShort(v);
        }
        Path file = dir.resolve("tone.wav");
        Files.write(file, b.array());
        return file;
    }

    @Test
    void countsTheSecondsInWhichEachToneIsHeard() throws IOException {
        Path wav = recording();

        assertEquals(2.0, Tone.secondsOf(wav, 440), 0.11);
        assertEquals(1.0, Tone.secondsOf(wav, 1000), 0.11);
        assertEquals(0.0, Tone.secondsOf(wav, 700), 0.11);
    }

    @Test
    void refusesWhatIsNotAWavFile() throws IOException {
        Path text = Files.writeString(dir.resolve("x.wav"), "not a wav file");

        assertThrows(IOException.class, () -> Tone.secondsOf(text, 440));
    }
}
