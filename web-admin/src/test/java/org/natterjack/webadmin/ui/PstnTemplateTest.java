package org.natterjack.webadmin.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.natterjack.plugin.SwitchState;
import org.natterjack.pstn.api.AsteriskLink;
import org.natterjack.pstn.api.TrunkInfo;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.store.SwitchChoice;
import org.natterjack.webadmin.PstnOperations;

/** The PSTN page's on/off switch: who switched it, a plain form (no script) for administrators only. */
class PstnTemplateTest {

    private final Templates templates = new Templates();

    private String notRunning(SwitchState state, boolean admin) {
        return templates.render("pstn", View.model("running", false, "adapter", state, "notRunning",
                state.whyNotRunning("plugins.pstn.enabled", "PSTN"), "isAdmin", admin, "csrf", "t"));
    }

    @Test
    void switchedOffInTheWebAdminSaysByWhomAndOffersToSwitchOn() {
        SwitchState off = SwitchState.ofChoice(new SwitchChoice(false, "alice",
                Instant.parse("2026-12-05T03:00:00Z")), false, "");
        String page = notRunning(off, true);
        assertTrue(page.contains("<strong>off</strong>"), page);
        assertTrue(page.contains("switched off in the web admin on 2026-12-05T03:00:00Z by alice"), page);
        assertTrue(page.contains("<input type=\"hidden\" name=\"enabled\" value=\"true\">"), page);
        assertTrue(page.contains("<button type=\"submit\">Switch on</button>"), page);
        assertTrue(page.contains("<input type=\"hidden\" name=\"_csrf\" value=\"t\">"), page);
        assertTrue(page.contains("id=\"not-running\""), page);
        assertFalse(page.contains("<script>") || page.contains("onclick") || page.contains("onsubmit"),
                "CSP: no inline script");
    }

    @Test
    void offByTheFileSaysSoAndAMonitorGetsNoSwitch() {
        String page = notRunning(SwitchState.ofFile(false, false, ""), false);
        assertTrue(page.contains("as <code>plugins.pstn.enabled</code> in the configuration file says"), page);
        assertFalse(page.contains("id=\"adapter-switch\""), page);
    }

    @Test
    void switchedOnButNotStartedSaysWhyAndOffersToTryAgain() {
        String page = notRunning(SwitchState.ofFile(true, false, "cannot listen for FastAGI on 127.0.0.1:4573"),
                true);
        assertTrue(page.contains("It did not start: cannot listen for FastAGI on 127.0.0.1:4573"), page);
        assertTrue(page.contains("<button type=\"submit\">Switch off</button>"), page);
        assertTrue(page.contains("id=\"adapter-retry\""), page);
    }

    @Test
    void aTrunkBusiedOutForADrainSaysSoRatherThanDown() {
        TrunkSpec city = new TrunkSpec("city", "dahdi", 1, "", "allowed", "", "", "", "");
        String page = templates.render("pstn-live", View.model("running", true, "asterisk",
                new AsteriskLink(true, "", Instant.EPOCH), "trunks", List.of(new PstnOperations.TrunkRow(city,
                        new TrunkInfo("city", "DAHDI", false, TrunkStates.BUSIED_OUT, List.of()))),
                "spans", List.of()));
        assertTrue(page.contains("<td class=\"trunk-status\">busied out: draining for an upgrade</td>"), page);
    }
}
