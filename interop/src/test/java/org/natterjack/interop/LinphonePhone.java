package org.natterjack.interop;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Debian 12's linphone-cli 5.1.65 ({@code linphonec}) as a {@link Phone}, driven through {@link LinphoneConsole}.
 *
 * <p>Configuration: {@code src/test/resources/linphone/linphonerc} (UDP bound to the private address, the
 * gateway as registrar and outbound proxy, no STUN/ICE/uPnP/video/SRTP/ZRTP, PCMU and PCMA only). Audio:
 * linphonec's file mode ({@code soundcard use files}); {@code play} names the WAV it sends as its microphone
 * (looped) and {@code record} the WAV it writes what it receives to, opened when each call's audio starts.
 * States are the lines linphonec prints: "Media streams established with ..." (call up, or resumed),
 * "Call N with ... is now paused." (our hold accepted), "Call N with ... ended (...)."; the registration is
 * the answer of {@code status register}.
 */
final class LinphonePhone implements Phone {

    private static final Duration SETUP = Duration.ofSeconds(30);
    private static final Duration UPDATE = Duration.ofSeconds(10);
    private static final Pattern ESTABLISHED = Pattern.compile("^Media streams established with ");
    private static final Pattern PAUSED = Pattern.compile("^Call \\d+ with .+ is now paused\\.");
    private static final Pattern INCOMING = Pattern.compile("^Receiving new incoming call from ");
    private static final Pattern ENDED = Pattern.compile("^Call \\d+ with .+ (ended \\(.*\\)|error)\\.");

    private final PhoneSpec spec;
    private LinphoneConsole console;
    private boolean registered;
    /** The first console line that no wait for an event has looked at yet. */
    private int cursor;
    private int calls;
    /** Where linphonec records the next (or current) call. */
    private Path recording;
    private Path lastRecording;

    LinphonePhone(PhoneSpec spec) {
        this.spec = spec;
    }

    @Override
    public String product() {
        try {
            Process p = new ProcessBuilder("linphonec", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return "linphonec " + out.replaceFirst("^version: ", "");
        } catch (IOException | InterruptedException e) {
            return "linphonec (version unknown: " + e + ")";
        }
    }

    @Override
    public void register() throws Exception {
        Path dir = spec.workDir();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(LinphoneConsole.CONFIG), config());
        run(List.of("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", dir.resolve("tone.wav").toString(),
                "synth", "120", "sine", Integer.toString(spec.toneHz())));
        console = LinphoneConsole.start(spec.netns(), dir);
        expect("soundcard use files", "Using wav files");
        console.command("play tone.wav");
        long deadline = System.nanoTime() + SETUP.toNanos();
        String status;
        do {
            status = console.command("status register");
            if (status.contains("registered, identity=")) {
                registered = true;
                nextRecording();
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(spec.user() + " not registered within " + SETUP + ": " + status + "\n"
                + String.join("\n", console.lines()));
    }

    private String config() throws IOException {
        try (InputStream in = LinphonePhone.class.getResourceAsStream("/linphone/linphonerc")) {
            return new String(in.readAllBytes(), UTF_8)
                    .replace("${LOCAL}", spec.localAddress())
                    .replace("${GATEWAY}", spec.gateway())
                    .replace("${USER}", spec.user())
                    .replace("${PASSWORD}", spec.password())
                    .replace("${DOMAIN}", spec.domain());
        }
    }

    @Override
    public void call(String user) throws Exception {
        int mark = console.mark();
        console.command("call sip:" + user + "@" + spec.domain());
        cursor = console.await(mark, ESTABLISHED, ENDED, SETUP, "call to " + user + " established") + 1;
    }

    @Override
    public void answer() throws Exception {
        cursor = console.await(cursor, INCOMING, null, SETUP, "incoming call") + 1;
        int mark = console.mark();
        console.command("answer");
        cursor = console.await(mark, ESTABLISHED, ENDED, SETUP, "answered call established") + 1;
    }

    /**
     * Names the recording of the next call; linphonec opens it when that call's audio starts. Only while idle:
     * {@code record} while a call rings crashes linphonec 5.1.65.
     */
    private void nextRecording() throws Exception {
        calls++;
        recording = spec.workDir().resolve("call-" + calls + ".wav");
        Files.deleteIfExists(recording);
        console.command("record " + recording.getFileName());
    }

    private void ended() throws Exception {
        lastRecording = recording;
        nextRecording();
    }

    @Override
    public void hold() throws Exception {
        int mark = console.mark();
        console.command("pause");
        cursor = console.await(mark, PAUSED, ENDED, UPDATE, "call paused") + 1;
    }

    @Override
    public void resume() throws Exception {
        int mark = console.mark();
        console.command("resume");
        cursor = console.await(mark, ESTABLISHED, ENDED, UPDATE, "call resumed") + 1;
    }

    @Override
    public void hangUp() throws Exception {
        int mark = console.mark();
        console.command("terminate");
        cursor = console.await(mark, ENDED, null, UPDATE, "call ended") + 1;
        ended();
    }

    @Override
    public void awaitHangUp() throws Exception {
        cursor = console.await(cursor, ENDED, null, SETUP, "hang-up from the far end") + 1;
        ended();
    }

    @Override
    public Path lastCallAudio() {
        if (lastRecording == null || !Files.exists(lastRecording)) {
            throw new IllegalStateException("no recording of an ended call (" + lastRecording + ")");
        }
        return lastRecording;
    }

    /** Waits (5 s) until linphonec has printed a line starting with {@code start}, e.g. the far end's hold. */
    void awaitLine(String start) throws InterruptedException {
        console.await(0, Pattern.compile("^" + Pattern.quote(start)), null, Duration.ofSeconds(5), "'" + start + "'");
    }

    @Override
    public void close() {
        if (console == null) {
            return;
        }
        try {
            if (console.isAlive()) {
                console.command("terminate"); // a call left up by a failed test gets its BYE
                if (registered) {
                    console.command("unregister");
                    console.awaitLog("to [LinphoneRegistrationCleared]", Duration.ofSeconds(5));
                }
            }
        } catch (Exception | AssertionError e) {
            // best effort: the gateway forgets the binding when it expires
        } finally {
            console.close();
        }
    }

    private void expect(String command, String answer) throws Exception {
        String out = console.command(command);
        if (!out.contains(answer)) {
            throw new AssertionError("linphonec answered '" + command + "' with: " + out);
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
