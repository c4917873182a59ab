package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.natterjack.config.RelayInterfaceSettings;
import org.natterjack.config.RelaySettings;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpException;

/** SDP bodies and settings for relay tests. */
final class Calls {

    /** Below the kernel's ephemeral ports (32768-60999) and away from the default relay range. */
    static final int PORT_MIN = 18000;
    static final int PORT_MAX = 18999;

    private Calls() {
    }

    static RelaySettings settings(int portMin, int portMax, String... binds) {
        return new RelaySettings(true, false, portMin, portMax,
                List.of(binds).stream().map(b -> new RelayInterfaceSettings(Phone.ip(b), java.util.Optional.empty(),
                        0, 0)).toList(), 60, 3600, 5, 1);
    }

    /** One audio stream at {@code address:port}, plus extra lines at media level. */
    static byte[] audio(String address, int port, String... mediaLines) {
        String ip = address.contains(":") ? "IP6" : "IP4";
        StringBuilder b = new StringBuilder("v=0\r\no=- 1 1 IN " + ip + " " + address + "\r\ns=-\r\nc=IN " + ip + " "
                + address + "\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n");
        for (String line : mediaLines) {
            b.append(line).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits (at most two seconds) until {@code condition} holds: for packets on different relay sockets,
     * whose order within one engine round is not defined.
     */
    static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 2_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("still not true after 2 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    static Sdp rewritten(SdpOutcome outcome) throws SdpException {
        return Sdp.parse(assertInstanceOf(SdpOutcome.Rewritten.class, outcome).body());
    }

    /** Where the rewritten SDP tells its receiver to send RTP for stream {@code index}. */
    static InetSocketAddress target(Sdp sdp, int index) {
        InetAddress address = sdp.connectionOf(index).orElseThrow().literal().orElseThrow();
        return new InetSocketAddress(address, sdp.media().get(index).mline().port());
    }
}
