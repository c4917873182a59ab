package org.natterjack.webadmin.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.natterjack.alarms.Alarm;
import org.natterjack.alarms.Severity;

/** The Alarms page: active alarms most severe first, the history with when each was cleared. */
class AlarmsTemplateTest {

    private final Templates templates = new Templates();
    private final Alarm link = new Alarm("pstn.asterisk-link", Severity.CRITICAL, "the AMI link to Asterisk is down",
            Instant.parse("2026-12-06T08:00:00Z"), Optional.empty());
    private final Alarm ports = new Alarm("relay-ports.0.0.0.0", Severity.MAJOR, "12 of 500 pairs free",
            Instant.parse("2026-12-06T07:00:00Z"), Optional.of(Instant.parse("2026-12-06T07:05:00Z")));

    @Test
    void activeAndClearedAlarmsShowWithTheirSeverity() {
        String page = templates.render("alarms", View.model("active", List.of(link), "history", List.of(link, ports)));

        assertTrue(page.contains("<tr class=\"alarm critical\"><td class=\"severity\">critical</td>"
                + "<td class=\"condition\">pstn.asterisk-link</td>"), page);
        assertTrue(page.contains("<td class=\"cleared\">2026-12-06T07:05:00Z</td>"), page);
        assertTrue(page.contains("<td class=\"cleared\">active</td>"), page);
        assertFalse(page.contains("id=\"no-alarms\""), page);
    }

    @Test
    void noAlarmSaysSo() {
        String page = templates.render("alarms", View.model("active", List.of(), "history", List.of()));

        assertTrue(page.contains("id=\"no-alarms\""), page);
    }
}
