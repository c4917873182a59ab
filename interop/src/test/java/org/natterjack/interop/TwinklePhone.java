package org.natterjack.interop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Twinkle 1.10.2 (Debian 12) headless: {@code twinkle -c -f USER} with its own HOME in the client's
 * namespace, configured from the templates in resources twinkle/ (system settings, user profile, ALSA
 * devices), commanded through standard input ({@code call}, {@code answer}, {@code hold}, {@code retrieve},
 * {@code bye}, {@code quit}) and followed through the state changes it prints on standard output.
 *
 * <p>Twinkle cannot be told which address to bind: it listens on 0.0.0.0 (SIP 5060, RTP 8000) and advertises
 * the source address of its route to the gateway, which in the namespace is the private address. Its full
 * SIP log is HOME/.twinkle/twinkle.log, its console output console.log, both in the work directory.
 */
final class TwinklePhone implements Phone {

    private static final Duration TRANSACTION = Duration.ofSeconds(20);
    private static final Duration RINGING = Duration.ofSeconds(30);
    private static final Pattern NOTHING = Pattern.compile("(?!)");

    private final PhoneSpec spec;
    private final Path home;
    private final TwinkleAudio audio;
    private TwinkleConsole console;
    private String product = "Twinkle";
    private int calls;
    private Path lastCallAudio;

    TwinklePhone(PhoneSpec spec) {
        this.spec = spec;
        this.home = spec.workDir().resolve("home");
        this.audio = new TwinkleAudio(spec.workDir(), spec.toneHz());
    }

    @Override
    public String product() {
        return product;
    }

    @Override
    public void register() throws Exception {
        writeConfiguration();
        audio.start();
        List<String> command = new ArrayList<>(spec.netns());
        command.addAll(List.of("twinkle", "-c", "--force", "-f", spec.user()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("LC_ALL", "C");
        console = TwinkleConsole.start(builder, spec.workDir().resolve("console.log"));
        product = console.await("start", Pattern.compile("^(Twinkle \\S+), "), NOTHING, TRANSACTION).group(1);
        String user = Pattern.quote(spec.user());
        console.await("register " + spec.aor(), Pattern.compile("^" + user + ": registration succeeded"),
                Pattern.compile("^" + user + ", registration failed"), TRANSACTION);
    }

    /** Fills the templates in: ~/.twinkle/twinkle.sys, ~/.twinkle/USER.cfg and ~/.asoundrc. */
    private void writeConfiguration() throws IOException {
        Map<String, String> values = new HashMap<>(audio.devices());
        values.putAll(Map.of("user", spec.user(), "password", spec.password(), "domain", spec.domain(),
                "gateway", spec.gateway()));
        Path dotTwinkle = Files.createDirectories(home.resolve(".twinkle"));
        Files.writeString(dotTwinkle.resolve("twinkle.sys"), template("twinkle.sys", values));
        Files.writeString(dotTwinkle.resolve(spec.user() + ".cfg"), template("profile.cfg", values));
        Files.writeString(home.resolve(".asoundrc"), template("asoundrc", values));
    }

    private static String template(String name, Map<String, String> values) throws IOException {
        try (InputStream in = TwinklePhone.class.getResourceAsStream("/twinkle/" + name)) {
            if (in == null) {
                throw new IOException("missing resource twinkle/" + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            if (text.contains("${")) {
                throw new IllegalStateException("unfilled placeholder in twinkle/" + name + ":\n" + text);
            }
            return text;
        }
    }

    @Override
    public void call(String user) throws Exception {
        audio.newCall();
        String uri = "sip:" + user + "@" + spec.domain();
        console.send("call " + uri);
        // Printed on the 2xx; Twinkle sends the ACK at once and starts its media.
        console.await("call " + uri, Pattern.compile("^Line \\d+: far end answered call"),
                Pattern.compile("Line \\d+: (call failed|answer timeout|far end ended call)"), RINGING);
    }

    @Override
    public void answer() throws Exception {
        console.await("incoming call", Pattern.compile("Line \\d+: incoming call"), NOTHING, RINGING);
        audio.newCall();
        console.send("answer");
        // Printed when the caller's ACK arrives.
        console.await("answer", Pattern.compile("Line \\d+: call established"),
                Pattern.compile("Line \\d+: (no ACK received|far end cancelled call|far end ended call)"),
                TRANSACTION);
    }

    @Override
    public void hold() throws Exception {
        console.send("hold");
        reInvite("hold");
    }

    @Override
    public void resume() throws Exception {
        console.send("retrieve");
        reInvite("resume");
    }

    private void reInvite(String what) throws InterruptedException {
        console.await(what, Pattern.compile("Line \\d+: re-INVITE successful"),
                Pattern.compile("Line \\d+: (re-INVITE failed|retrieve failed|far end ended call)"), TRANSACTION);
    }

    @Override
    public void hangUp() throws Exception {
        console.send("bye");
        // Printed as the BYE goes out; the media stops with it, which saveCall waits for.
        console.await("hang up", Pattern.compile("Line \\d+: call ended"), NOTHING, TRANSACTION);
        saveCall();
    }

    @Override
    public void awaitHangUp() throws Exception {
        console.await("far end hang-up", Pattern.compile("Line \\d+: far end ended call"), NOTHING, RINGING);
        saveCall();
    }

    private void saveCall() throws IOException, InterruptedException {
        Path wav = spec.workDir().resolve("call-" + ++calls + "-received.wav");
        audio.saveCall(wav);
        lastCallAudio = wav;
    }

    @Override
    public Path lastCallAudio() {
        if (lastCallAudio == null) {
            throw new IllegalStateException(spec.user() + " has no ended call yet");
        }
        return lastCallAudio;
    }

    /** Twinkle's own log, with every SIP message it sent and received. */
    Path sipLog() {
        return home.resolve(".twinkle/twinkle.log");
    }

    @Override
    public void close() {
        if (console != null) {
            console.close();
        }
        audio.close();
    }
}
