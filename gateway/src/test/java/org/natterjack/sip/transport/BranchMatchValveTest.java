package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;
import org.natterjack.config.WebSocketSettings;

/** Responses without a transaction and CANCELs reach the handler without the RI's searches through all transactions. */
class BranchMatchValveTest {

    private SipTransport transport;
    private DatagramSocket peer;
    private int port;
    private final BlockingQueue<String> strays = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> toListener = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> cancels = new LinkedBlockingQueue<>();

    private static String callId(javax.sip.message.Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    @BeforeEach
    void start() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SipSettings defaults = SipSettings.defaults();
        SipSettings settings = new SipSettings(List.of(ListenAddress.parse("127.0.0.1:" + port)), List.of(),
                Optional.empty(), defaults.maxMessageBytes(), defaults.maxHeaders(), 0, 0);
        transport = SipTransport.start(settings, WebSocketSettings.defaults(), InetAddress.getLoopbackAddress(),
                List.of());
        transport.setListener(new Recorder());
        transport.setBranchMatchHandler(new BranchMatched() {
            @Override
            public void onStrayResponse(Response response, SipSocket socket) {
                strays.add(callId(response) + " on " + socket.transport() + " " + socket.local().getPort());
            }

            @Override
            public void onCancel(Request cancel, Optional<ServerTransaction> invite, SipSocket socket) {
                cancels.add(callId(cancel) + (invite.isPresent() ? " cancels an INVITE" : " cancels nothing"));
            }
        });
        peer = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() {
        peer.close();
        transport.close();
    }

    private void sendResponse(String branch, String callId) throws Exception {
        send("SIP/2.0 200 OK\r\n", branch, callId, "INVITE");
    }

    private void send(String firstLine, String branch, String callId, String method) throws Exception {
        String text = firstLine
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=" + branch + "\r\n"
                + "From: <sip:a@example.test>;tag=1\r\n"
                + "To: <sip:b@example.test>;tag=2\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        peer.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
    }

    @Test
    void responseWithRfc3261BranchAndNoTransactionGoesToTheStrayHandler() throws Exception {
        sendResponse("z9hG4bKnjdeadbeef.1", "stray-1");

        assertEquals("stray-1 on UDP " + port, strays.poll(5, TimeUnit.SECONDS));
        assertNull(toListener.poll(300, TimeUnit.MILLISECONDS), "the listener does not see it too");
    }

    @Test
    void responseWithOldStyleBranchIsLeftToTheStack() throws Exception {
        sendResponse("old-style-branch", "legacy-1");

        assertEquals("legacy-1", toListener.poll(5, TimeUnit.SECONDS));
        assertNull(strays.poll(300, TimeUnit.MILLISECONDS));
    }

    @Test
    void cancelOfAnUnknownInviteIsMatchedByBranchAndFindsNothing() throws Exception {
        send("CANCEL sip:b@127.0.0.1:" + port + " SIP/2.0\r\n", "z9hG4bKcancelme", "cancel-1", "CANCEL");

        assertEquals("cancel-1 cancels nothing", cancels.poll(5, TimeUnit.SECONDS));
        assertNull(toListener.poll(300, TimeUnit.MILLISECONDS));
    }

    private final class Recorder extends SipListenerAdapter {
        @Override
        public void processResponse(ResponseEvent event) {
            toListener.add(callId(event.getResponse()));
        }

        @Override
        public void processRequest(RequestEvent event) {
            toListener.add(callId(event.getRequest()));
        }
    }
}
