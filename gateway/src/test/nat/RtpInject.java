import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Sends valid-looking RTP packets from a given source address to a relay port: the hijack attempt of the
 * NAT tests. Run inside a network namespace as a single-file program:
 * {@code java RtpInject.java SOURCE_IP TARGET_IP TARGET_PORT COUNT}.
 */
public class RtpInject {
    public static void main(String[] args) throws Exception {
        InetAddress source = InetAddress.getByName(args[0]);
        InetSocketAddress target = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        int count = Integer.parseInt(args[3]);
        byte[] packet = new byte[172];
        packet[0] = (byte) 0x80; // RTP version 2, payload type 0
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(source, 0))) {
            for (int i = 0; i < count; i++) {
                packet[2] = (byte) (i >> 8);
                packet[3] = (byte) i;
                socket.send(new DatagramPacket(packet, packet.length, target));
                Thread.sleep(10);
            }
        }
    }
}
