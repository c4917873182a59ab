package org.natterjack.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natterjack.media.relay.Calls.audio;
import static org.natterjack.media.relay.Calls.rewritten;
import static org.natterjack.media.relay.Calls.target;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.natterjack.config.RelayInterfaceSettings;
import org.natterjack.config.RelaySettings;
import org.natterjack.testing.MutableClock;

/** Relay settings changed while calls are up: new calls use the new port range, running calls keep theirs. */
class MediaRelayReconfigureTest {

    private static final InetAddress LOCAL = Phone.ip("127.0.0.1");

    private final MediaRelay relay = MediaRelay.start(Calls.settings(18200, 18209, "127.0.0.1"), LOCAL,
            new MutableClock());

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void newCallsUseTheNewPortRangeAndRunningCallsKeepTheirPorts() throws Exception {
        int before = offerPort(relay.open("running"));
        assertTrue(before >= 18200 && before <= 18209, "port " + before);

        relay.reconfigure(Calls.settings(18300, 18309, "127.0.0.1"));

        int after = offerPort(relay.open("new"));
        assertTrue(after >= 18300 && after <= 18309, "port " + after);
        assertEquals(5, relay.status().interfaces().get(0).pairsTotal());
        int free = relay.status().interfaces().get(0).pairsFree();
        relay.find("running").orElseThrow().close(); // its ports go back to the old pool, which is forgotten
        assertEquals(free, relay.status().interfaces().get(0).pairsFree());
    }

    @Test
    void anInterfaceWithoutAnAddressToAdvertiseIsRefusedBeforeAnythingChanges() {
        RelaySettings v6Wildcard = new RelaySettings(true, false, 18200, 18209, List.of(
                new RelayInterfaceSettings(Phone.ip("::"), Optional.empty(), 0, 0)), 60, 3600, 5, 1);

        assertThrows(IllegalArgumentException.class, () -> relay.check(v6Wildcard));
    }

    private static int offerPort(RelaySession session) throws Exception {
        return target(rewritten(session.offer(Side.CALLER, audio("127.0.0.1", 40000), Optional.of(LOCAL),
                Optional.empty())), 0).getPort();
    }
}
