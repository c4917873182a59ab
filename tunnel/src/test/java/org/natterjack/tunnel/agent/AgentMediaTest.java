package org.natterjack.tunnel.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.natterjack.tunnel.carrier.EventLoops;
import org.natterjack.tunnel.wire.ControlMessage;
import org.natterjack.tunnel.wire.Frame;
import org.natterjack.tunnel.wire.FrameType;

/** The agent's side of a stream: SDP both ways, and packets between the application and the tunnel. */
class AgentMediaTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EventLoops.ioHandler());
    private final BlockingQueue<Frame> toGateway = new LinkedBlockingQueue<>();
    private final AgentMedia media = new AgentMedia(LOOPBACK, loop, toGateway::add);

    @AfterEach
    void stop() throws Exception {
        onLoop(() -> {
            media.closeAll();
            return null;
        });
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private <T> T onLoop(Callable<T> task) throws Exception {
        return loop.submit(task).get(5, TimeUnit.SECONDS);
    }

    private static String sdp(String address, int port) {
        return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    @Test
    void aStreamConnectsTheApplicationsPortsWithItsChannel() throws Exception {
        try (DatagramSocket application = new DatagramSocket(0, LOOPBACK)) {
            application.setSoTimeout(5000);
            onLoop(() -> {
                media.publicAddress(InetAddress.getByName("198.51.100.20"));
                media.open(ControlMessage.of("open", "channel", "3", "call-id", "c1", "index", "0",
                        "address", "203.0.113.10:40000"));
                return null;
            });

            String toApplication = onLoop(() -> new String(media.fromGateway("c1",
                    sdp("203.0.113.10", 40000).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            String toGatewaySdp = onLoop(() -> new String(media.fromApplication("c1",
                    sdp("127.0.0.1", application.getLocalPort()).getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8));

            Matcher local = Pattern.compile("m=audio (\\d+) ").matcher(toApplication);
            assertTrue(local.find() && toApplication.contains("c=IN IP4 127.0.0.1"), toApplication);
            int localPort = Integer.parseInt(local.group(1));
            assertEquals(0, localPort % 2, "RTP on an even port, RTCP above it");
            assertTrue(toGatewaySdp.contains("c=IN IP4 198.51.100.20") && toGatewaySdp.contains("m=audio 9 "),
                    "the gateway learns no address of this side: " + toGatewaySdp);

            byte[] fromTunnel = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1};
            onLoop(() -> {
                media.fromGateway(Frame.media(FrameType.RTP, 3, fromTunnel));
                return null;
            });
            DatagramPacket got = new DatagramPacket(new byte[100], 100);
            application.receive(got);
            assertEquals(localPort, got.getPort(), "from the stream's port, where the application sends");
            assertEquals(fromTunnel.length, got.getLength());

            byte[] spoken = {(byte) 0x80, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2};
            application.send(new DatagramPacket(spoken, spoken.length, new InetSocketAddress(LOOPBACK, localPort)));
            Frame frame = toGateway.poll(5, TimeUnit.SECONDS);
            assertEquals(Frame.media(FrameType.RTP, 3, spoken), frame);
            assertArrayEquals(spoken, frame.payload());
        }
    }

    @Test
    void sdpForStreamsNotOpenedIsLeftAlone() throws Exception {
        byte[] body = sdp("203.0.113.10", 40002).getBytes(StandardCharsets.UTF_8);

        assertArrayEquals(body, onLoop(() -> media.fromGateway("c2", body)));
    }
}
