package org.natterjack.webadmin.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.tunnel.api.TunnelSession;
import org.natterjack.tunnel.api.TunnelStatus;

class TunnelTemplateTest {

    private final Templates templates = new Templates();

    @Test
    void theFingerprintAndTheSessionsShow() {
        TunnelStatus status = new TunnelStatus(true, "0.0.0.0:4443", "AB:CD", List.of(new TunnelSession("alice",
                "52:54:00:12:34:56", "203.0.113.1:40000", "10.0.0.2:50522", Instant.parse("2026-12-06T04:00:00Z"),
                7, 1000, 2000, 2)));

        String page = templates.render("tunnel", View.model("tunnel", status));

        assertTrue(page.contains("<code id=\"fingerprint\">AB:CD</code>"), page);
        assertTrue(page.contains("<td class=\"user\">alice</td>"), page);
        assertTrue(page.contains("<td class=\"public\">203.0.113.1:40000</td>"), page);
        assertTrue(page.contains("<td class=\"streams\">2</td>"), page);
        assertFalse(page.contains("id=\"off\""), page);
    }

    @Test
    void anOffTunnelSaysHowToTurnItOn() {
        String page = templates.render("tunnel", View.model("tunnel", TunnelStatus.off()));

        assertTrue(page.contains("id=\"off\""), page);
        assertTrue(page.contains("No agent is logged in."), page);
    }
}
