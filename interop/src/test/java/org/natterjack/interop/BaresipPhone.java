package org.natterjack.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * baresip 1.0.0 (Debian 12) as a {@link Phone}. It runs headless in the client's namespace with the
 * configuration in resources/baresip/config: SIP on the private address, no sound card (ausine's tone as the
 * microphone, no player), and the {@code ctrl_tcp} module, through which {@link BaresipControl} sends the
 * menu's commands ({@code uanew}, {@code dial}, {@code accept}, {@code hold}, {@code resume},
 * {@code hangup}, {@code quit}) and reads the user agent's events. Each step waits for the event that
 * reports its outcome:
 * <ul>
 * <li>register: REGISTER_OK (REGISTER_FAIL fails) after {@code uanew}, which creates the account with the
 *     gateway as outbound proxy and registers it (so the event cannot be missed before the channel is up);
 * <li>call and answer: CALL_ESTABLISHED (CALL_INCOMING first when answering);
 * <li>hold and resume: CALL_REMOTE_SDP "answer", which baresip reports when the 200 OK's SDP answer to its
 *     re-INVITE arrived (sendonly on hold, sendrecv on resume);
 * <li>hang-up, either side: CALL_CLOSED.
 * </ul>
 * Any CALL_CLOSED while waiting for something else fails the step with baresip's reason. The audio
 * received during a call is recorded by {@link BaresipRecorder}. Logs: baresip.log (with the SIP trace),
 * ctrl.log (the control channel), in the spec's work directory.
 */
final class BaresipPhone implements Phone {

    private static final int CTRL_PORT = 4444;
    private static final String RTP_PORTS = "10000-10999";
    private static final Duration COMMAND = Duration.ofSeconds(10);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final Duration WAIT_FOR_PEER = Duration.ofSeconds(60);

    private final PhoneSpec spec;
    private Process baresip;
    private BaresipControl control;
    private BaresipRecorder recorder;
    private String product = "baresip";
    private Path lastCallAudio;
    private int calls;

    BaresipPhone(PhoneSpec spec) {
        this.spec = spec;
    }

    @Override
    public String product() {
        return product;
    }

    @Override
    public void register() throws Exception {
        Path conf = Files.createDirectories(spec.workDir().resolve("baresip"));
        String template;
        try (InputStream in = BaresipPhone.class.getResourceAsStream("/baresip/config")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(conf.resolve("config"), template
                .replace("@LOCAL_ADDRESS@", spec.localAddress())
                .replace("@TONE_HZ@", Integer.toString(spec.toneHz()))
                .replace("@RTP_PORTS@", RTP_PORTS)
                .replace("@CTRL_PORT@", Integer.toString(CTRL_PORT)));
        Files.writeString(conf.resolve("accounts"), "");   // the account comes with uanew, below

        List<String> cmd = new ArrayList<>(spec.netns());
        cmd.addAll(List.of("stdbuf", "-oL", "baresip", "-f", conf.toString(), "-s"));   // -s: SIP trace; line-buffered log
        baresip = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(log().toFile()).start();
        control = BaresipControl.connect(spec.netns(), CTRL_PORT, spec.workDir().resolve("ctrl.log"));

        Matcher version = Pattern.compile("\\d+\\.\\d+\\.\\d+").matcher(command("about", null));
        product = version.find() ? "baresip " + version.group() : "baresip";

        command("uanew", "<" + spec.aor() + ">;auth_pass=" + spec.password()
                + ";outbound=\"sip:" + spec.gateway() + "\";regint=600;answermode=manual");
        expect("REGISTER_OK", null, "REGISTER_FAIL", STEP);
    }

    @Override
    public void call(String user) throws Exception {
        startRecording();
        command("dial", "sip:" + user + "@" + spec.domain());
        expect("CALL_ESTABLISHED", null, "CALL_CLOSED", WAIT_FOR_PEER);
    }

    @Override
    public void answer() throws Exception {
        expect("CALL_INCOMING", null, null, WAIT_FOR_PEER);
        startRecording();
        command("accept", null);
        expect("CALL_ESTABLISHED", null, "CALL_CLOSED", STEP);
    }

    @Override
    public void hold() throws Exception {
        command("hold", null);
        expect("CALL_REMOTE_SDP", "answer", "CALL_CLOSED", STEP);
    }

    @Override
    public void resume() throws Exception {
        command("resume", null);
        expect("CALL_REMOTE_SDP", "answer", "CALL_CLOSED", STEP);
    }

    @Override
    public void hangUp() throws Exception {
        command("hangup", null);
        expect("CALL_CLOSED", null, null, STEP);
        stopRecording();
    }

    @Override
    public void awaitHangUp() throws Exception {
        expect("CALL_CLOSED", null, null, WAIT_FOR_PEER);
        stopRecording();
    }

    @Override
    public Path lastCallAudio() {
        if (lastCallAudio == null) {
            throw new IllegalStateException("no call of " + spec.user() + " has ended yet");
        }
        return lastCallAudio;
    }

    @Override
    public void close() {
        try {
            if (control != null && baresip.isAlive()) {
                command("quit", null);   // unregisters, then exits
            }
        } catch (Exception | AssertionError e) {
            // it is going anyway
        }
        try {
            if (baresip != null && !baresip.waitFor(10, TimeUnit.SECONDS)) {
                baresip.destroy();
                if (!baresip.waitFor(5, TimeUnit.SECONDS)) {
                    baresip.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            if (recorder != null) {
                recorder.cancel();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (control != null) {
                control.close();
            }
        }
    }

    private void startRecording() throws IOException, InterruptedException {
        calls++;
        recorder = BaresipRecorder.start(spec.netns(), spec.localAddress(), RTP_PORTS,
                spec.workDir().resolve("call-" + calls + ".pcap"));
    }

    private void stopRecording() throws IOException, InterruptedException {
        if (recorder != null) {
            lastCallAudio = recorder.stop(spec.workDir().resolve("call-" + calls + "-received.wav"));
            recorder = null;
        }
    }

    private String command(String command, String params) throws IOException, InterruptedException {
        return control.command(command, params, COMMAND);
    }

    /** Waits for event {@code type} (with {@code param}, if given); event {@code failure} fails the step. */
    private void expect(String type, String param, String failure, Duration timeout) throws Exception {
        JsonNode event;
        try {
            event = control.await(e -> e.path("type").asText().equals(failure)
                    || e.path("type").asText().equals(type) && (param == null || param.equals(e.path("param").asText())),
                    timeout, type + (param == null ? "" : " " + param));
        } catch (AssertionError e) {
            throw new AssertionError(spec.user() + ": " + e.getMessage() + "\n" + logTail(), e);
        }
        if (!event.path("type").asText().equals(type)) {
            throw new AssertionError(spec.user() + ": " + event.path("type").asText() + " ("
                    + event.path("param").asText() + ") while waiting for " + type + "\n" + logTail());
        }
    }

    private Path log() {
        return spec.workDir().resolve("baresip.log");
    }

    private String logTail() throws IOException {
        List<String> lines = Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.ISO_8859_1) : List.of();
        return "--- last lines of " + log() + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
