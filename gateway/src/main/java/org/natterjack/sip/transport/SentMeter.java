package org.natterjack.sip.transport;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.natterjack.metrics.SipMeters;
import org.natterjack.net.MessageTap;
import org.natterjack.net.Transport;

/** Counts what the transport sends, by request method or response class, from the start line's octets. */
final class SentMeter implements MessageTap {

    private static final int LONGEST_METHOD = 10;

    private final SipMeters meters;

    SentMeter(SipMeters meters) {
        this.meters = meters;
    }

    @Override
    public void tapped(boolean sent, Transport transport, InetSocketAddress local, InetSocketAddress remote,
                       byte[] m) {
        if (!sent || m.length < 12) {
            return;
        }
        if (m[0] == 'S' && m[1] == 'I' && m[2] == 'P' && m[3] == '/' && m[7] == ' ') {
            meters.responseSent((m[8] - '0') * 100 + (m[9] - '0') * 10 + (m[10] - '0'));
            return;
        }
        int space = 0;
        while (space < m.length && space <= LONGEST_METHOD && m[space] != ' ') {
            space++;
        }
        if (space > 0 && space <= LONGEST_METHOD) {
            meters.requestSent(new String(m, 0, space, StandardCharsets.US_ASCII));
        }
    }
}
