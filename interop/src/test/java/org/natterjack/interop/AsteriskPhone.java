package org.natterjack.interop;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.natterjack.it.AsteriskChroot;

/**
 * Asterisk 22 as a PBX behind NAT, registered to the gateway as one SIP user (outbound registration with digest),
 * scripted through its CLI. Configuration: resources/asterisk (pjsip.conf: registration, endpoint {@code gateway}
 * identified by the gateway's address; extensions.conf: every call answers, sends a Playtones tone of
 * {@link PhoneSpec#toneHz()} and records what it receives with MixMonitor's r() option).
 *
 * <p>Control: {@code channel originate PJSIP/gateway/sip:USER@DOMAIN} to call (the endpoint's outbound proxy is
 * the gateway), {@code channel redirect} to the dialplan's
 * {@code hold} (a holding bridge in "hold" mode: PJSIP sends a=sendonly) and {@code resume} extensions,
 * {@code channel request hangup}. States come from messages.log: the dialplan's "natterjack talking|ended"
 * NOTICE lines, MixMonitor's "End MixMonitor Recording", and the SIP messages PJSIP logs (debug=yes), from which
 * re-INVITE and BYE outcomes are read. Registration is polled with {@code pjsip show registrations}.
 */
final class AsteriskPhone implements Phone {

    private static final Pattern TALKING = Pattern.compile("natterjack talking (\\S+) (\\S+)");
    private static final Pattern CSEQ = Pattern.compile("(?m)^CSeq: (\\d+) (\\w+)");
    private static final Pattern STATUS = Pattern.compile("(?m)^SIP/2\\.0 (\\d{3})");

    private final PhoneSpec spec;
    private AsteriskPbx pbx;
    /** Log position after which the next call's events are looked for. */
    private int nextCallMark;
    /** The current call's channel name and unique ID (the recording's file name), null between calls. */
    private String channel;
    private String uniqueId;
    private int calls;
    private Path lastAudio;

    AsteriskPhone(PhoneSpec spec) {
        this.spec = spec;
    }

    /** {@code asterisk -V} of the chroot, e.g. {@code Asterisk 22.10.1+dfsg+~cs6.17.60671434-1}. */
    @Override
    public String product() {
        try {
            return AsteriskChroot.inside(20, "/usr/sbin/asterisk", "-V").output().strip();
        } catch (Exception e) {
            return "Asterisk (version unknown: " + e + ")";
        }
    }

    @Override
    public void register() throws Exception {
        pbx = AsteriskPbx.prepare(spec);
        pbx.start(spec.netns(), spec.localAddress());
        nextCallMark = pbx.mark();
        for (int i = 0; i < 150; i++) {
            String state = pbx.cli("pjsip show registrations");
            if (state.contains(" Registered ")) {
                return;
            }
            if (state.contains(" Rejected ")) {
                fail("the gateway rejected the registration of " + spec.aor() + ":\n" + pbx.tail(40));
            }
            Thread.sleep(100);
        }
        fail(spec.aor() + " was not registered within 15 s:\n" + pbx.tail(40));
    }

    @Override
    public void call(String user) throws Exception {
        int mark = pbx.mark();
        String out = pbx.cli("channel originate PJSIP/gateway/sip:" + user + "@" + spec.domain()
                + " extension s@natterjack-talk");
        assertTrue(out.isBlank(), "originate refused: " + out);
        awaitTalking(mark, "the call to " + user + " answered");
    }

    @Override
    public void answer() throws Exception {
        // The dialplan answers every incoming call at once; this waits for it.
        awaitTalking(nextCallMark, "an incoming call answered");
    }

    private void awaitTalking(int from, String what) throws Exception {
        AsteriskPbx.Entry talking = pbx.await(from, notice("natterjack talking "), 30, what);
        Matcher m = TALKING.matcher(talking.text());
        assertTrue(m.find(), talking.text());
        channel = m.group(1);
        uniqueId = m.group(2);
        nextCallMark = talking.index() + 1;
    }

    @Override
    public void hold() throws Exception {
        reInvite("hold", "a=sendonly", "a=(recvonly|inactive)");
    }

    @Override
    public void resume() throws Exception {
        reInvite("resume", "a=sendrecv", "a=sendrecv");
    }

    /**
     * Sends the channel to the dialplan extension that makes PJSIP re-INVITE with {@code offered}, and waits for a
     * 2xx to that INVITE whose SDP answer matches {@code answered}.
     */
    private void reInvite(String extension, String offered, String answered) throws Exception {
        assertNotNull(channel, "no call to " + extension);
        int mark = pbx.mark();
        String out = pbx.cli("channel redirect " + channel + " natterjack-talk," + extension + ",1");
        assertTrue(out.contains("successfully redirected"), out);
        AsteriskPbx.Entry invite = pbx.await(mark, e -> e.contains("Transmitting SIP request")
                && e.contains("\nINVITE ") && e.contains(offered), 10, "a re-INVITE with " + offered);
        String answer = awaitFinalResponse(invite, "INVITE");
        assertTrue(answer.startsWith("2"), extension + " re-INVITE refused: " + answer);
        assertTrue(Pattern.compile("(?m)^" + answered + "\\s*$").matcher(answer).find(),
                extension + " answered without " + answered + ":\n" + answer);
    }

    /** The first final response to the request logged in {@code request} (status line onwards, minus "SIP/2.0 "). */
    private String awaitFinalResponse(AsteriskPbx.Entry request, String method) throws Exception {
        Matcher cseq = CSEQ.matcher(request.text());
        assertTrue(cseq.find(), request.text());
        String expected = "CSeq: " + cseq.group(1) + " " + method;
        AsteriskPbx.Entry response = pbx.await(request.index() + 1, e -> e.contains("Received SIP response")
                && e.contains(expected) && isFinal(e), 10, "a final response to " + expected);
        return response.text().substring(response.text().indexOf("SIP/2.0 ") + 8);
    }

    /** The dialplan's Log(NOTICE, ...) line with {@code text} (not the verbose "Executing" line naming it too). */
    private static Predicate<String> notice(String text) {
        return e -> e.contains(" NOTICE[") && e.contains(text);
    }

    private static boolean isFinal(String entry) {
        Matcher m = STATUS.matcher(entry);
        return m.find() && m.group(1).charAt(0) >= '2';
    }

    @Override
    public void hangUp() throws Exception {
        assertNotNull(channel, "no call to hang up");
        int mark = pbx.mark();
        pbx.cli("channel request hangup " + channel);
        AsteriskPbx.Entry bye = pbx.await(mark, e -> e.contains("Transmitting SIP request") && e.contains("\nBYE "),
                10, "a BYE");
        String answer = awaitFinalResponse(bye, "BYE");
        assertTrue(answer.startsWith("2"), "BYE refused: " + answer);
        callEnded(mark);
    }

    @Override
    public void awaitHangUp() throws Exception {
        assertNotNull(channel, "no call whose end to wait for");
        callEnded(nextCallMark);
    }

    /** Waits for the dialplan's end of the call and for MixMonitor to close the recording, then keeps a copy. */
    private void callEnded(int from) throws Exception {
        String ch = channel;
        pbx.await(from, notice("natterjack ended " + ch + " "), 30, "the end of the call on " + ch);
        pbx.await(from, e -> e.contains("End MixMonitor Recording " + ch), 10, "the recording closed");
        lastAudio = spec.workDir().resolve("call-" + (++calls) + "-received.wav");
        Files.copy(pbx.host("rec/" + uniqueId + ".wav"), lastAudio, StandardCopyOption.REPLACE_EXISTING);
        nextCallMark = pbx.mark();
        channel = null;
        uniqueId = null;
    }

    @Override
    public Path lastCallAudio() {
        assertNotNull(lastAudio, "no call has ended yet");
        return lastAudio;
    }

    @Override
    public void close() {
        if (pbx == null) {
            return;
        }
        try {
            int mark = pbx.mark();
            pbx.cli("pjsip send unregister gateway-reg");
            pbx.await(mark, e -> e.contains("Received SIP response") && e.contains(" REGISTER")
                    && e.contains("\nSIP/2.0 200 "), 5,
                    "the answer to the unregistration");
        } catch (Exception | AssertionError e) {
            System.err.println(spec.user() + ": unregistering failed: " + e.getMessage());
        } finally {
            pbx.close();
            pbx = null;
        }
    }
}
