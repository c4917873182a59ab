package org.natterjack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsOverlayTest {

    private final GatewayConfig file = GatewayConfig.defaults();

    @Test
    void overridesReplaceSingleKeysAndKeepTheRestOfTheFile() {
        GatewayConfig c = SettingsOverlay.apply(file, SettingsOverlay.parse(Map.of(
                "relay", "{\"always-anchor\": true, \"interfaces\": [{\"bind\": \"127.0.0.1\"}]}",
                "proxy", "{\"trusted-peers\": [\"192.0.2.0/24\"]}")));

        assertTrue(c.relay().alwaysAnchor());
        assertEquals("127.0.0.1", c.relay().interfaces().get(0).bind().getHostAddress());
        assertEquals(20000, c.relay().portMin(), "from the file");
        assertEquals(1, c.proxy().trustedPeers().size());
        assertEquals(file.registrar(), c.registrar());
    }

    @Test
    void everySectionReadsBackAsItWasWritten() {
        for (SettingsSection s : SettingsSection.values()) {
            GatewayConfig again = SettingsOverlay.apply(file, Map.of(s, s.read(file)));
            assertEquals(s.read(file), s.read(again), s.key());
        }
    }

    @Test
    void eachWrongSectionIsNamed() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> SettingsOverlay.apply(file,
                SettingsOverlay.parse(Map.of("auth", "{\"algorithms\": [\"SHA-1\"]}",
                        "dns", "{\"timeout-ms\": 5}"))));

        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals("auth.algorithms")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals("dns.timeout-ms")), e.getMessage());
    }

    @Test
    void atStartOverridesThatNoLongerFitLeaveTheFileInCharge() {
        GatewayConfig c = SettingsOverlay.atStart(file, Map.of("registrar", "{\"max-expires\": 1}",
                "no-such-section", "{}"));

        assertEquals(file, c);
    }
}
