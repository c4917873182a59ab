package org.natterjack.webadmin.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.plugin.SwitchState;
import org.natterjack.store.SwitchChoice;
import org.natterjack.tunnel.api.TunnelSession;
import org.natterjack.tunnel.api.TunnelStatus;

/** The Tunnel page: what agents need, the sessions, and the switch. */
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
    void anOffTunnelSaysWhyAndAnAdministratorCanSwitchItOn() {
        SwitchState off = SwitchState.ofFile(false, false, "");
        String page = templates.render("tunnel", View.model("tunnel", TunnelStatus.off(), "endpoint", off,
                "notRunning", off.whyNotRunning("plugins.tunnel.enabled", "Tunnel"), "isAdmin", true, "csrf", "t"));

        assertTrue(page.contains("id=\"off\""), page);
        assertTrue(page.contains("The tunnel is not running: it is switched off (plugins.tunnel.enabled is false)"),
                page);
        assertTrue(page.contains("<form method=\"post\" action=\"/tunnel/switch\" id=\"endpoint-switch\">"), page);
        assertTrue(page.contains("<input type=\"hidden\" name=\"enabled\" value=\"true\">"), page);
        assertTrue(page.contains("No agent is logged in."), page);
    }

    @Test
    void aTunnelThatCouldNotStartSaysWhyAndAMonitorGetsNoSwitch() {
        SwitchState failed = SwitchState.ofChoice(new SwitchChoice(true, "alice", Instant.parse("2026-12-06T04:00:00Z")),
                false, "cannot listen on 0.0.0.0:443: Address already in use");
        String page = templates.render("tunnel", View.model("tunnel", TunnelStatus.off(), "endpoint", failed,
                "notRunning", failed.whyNotRunning("plugins.tunnel.enabled", "Tunnel"), "isAdmin", false));

        assertTrue(page.contains("switched on in the web admin on 2026-12-06T04:00:00Z by alice"), page);
        assertTrue(page.contains("It did not start: cannot listen on 0.0.0.0:443: Address already in use"), page);
        assertFalse(page.contains("id=\"endpoint-switch\""), page);
    }
}
