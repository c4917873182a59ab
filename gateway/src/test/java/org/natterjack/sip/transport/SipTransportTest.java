package org.natterjack.sip.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.natterjack.config.SipSettings;
import org.natterjack.config.WebSocketSettings;

class SipTransportTest {

    /**
     * The RI asks for a 64 KiB UDP receive buffer unless told otherwise: about a hundred small datagrams, which a
     * young-generation GC pause at a few hundred calls per second overflows (bench/proxy: hundreds of datagrams
     * dropped per 10 s at 500 calls/s, each costing a 500 ms retransmission).
     */
    @Test
    void udpReceiveBufferRidesOutAGcPause() {
        Properties p = SipTransport.stackProperties(SipSettings.defaults(), WebSocketSettings.defaults(),
                List.of());

        int bytes = Integer.parseInt(p.getProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "65536"));

        assertTrue(bytes >= 1024 * 1024, "UDP receive buffer of " + bytes + " bytes");
    }
}
