package org.natterjack.pstn;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.natterjack.alarms.Alarms;
import org.natterjack.alarms.Severity;
import org.natterjack.pstn.api.AsteriskLink;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.SpanInfo;
import org.natterjack.pstn.api.TrunkInfo;

/**
 * The PSTN adapter's alarm conditions, checked with the AMI health check: Asterisk's link down (after a grace
 * for Asterisk's own start), a span in alarm or down, a trunk that cannot take calls. While the adapter does not
 * run, none of them is active.
 */
final class PstnAlarms {

    /** Asterisk starts after the gateway on the appliance and takes its time: only a longer outage is an alarm. */
    static final Duration LINK_GRACE = Duration.ofSeconds(30);

    /** What the checks read from the running adapter. */
    record Readings(AsteriskLink link, List<SpanInfo> spans, List<TrunkInfo> trunks) {

        static Readings of(PstnApi api) {
            return new Readings(api.asterisk(), api.spans(), api.trunks());
        }
    }

    private final Alarms alarms;
    private final Clock clock;
    private final Set<String> raised = new HashSet<>();

    PstnAlarms(Alarms alarms, Clock clock) {
        this.alarms = alarms;
        this.clock = clock;
    }

    /** One round: raises what is wrong now and clears what no longer is. */
    synchronized void check(Optional<Readings> running) {
        Set<String> wrong = new HashSet<>();
        running.ifPresent(now -> {
            AsteriskLink link = now.link();
            if (!link.up() && Duration.between(link.since(), clock.instant()).compareTo(LINK_GRACE) >= 0) {
                raise(wrong, "pstn.asterisk-link", Severity.CRITICAL, "the AMI link to Asterisk is down since "
                        + link.since() + ": " + link.reason() + "; no PSTN calls");
            }
            for (SpanInfo span : now.spans()) {
                if (span.state().equals("ALARM") || span.state().equals("DOWN")) {
                    raise(wrong, "pstn.span." + span.span(), Severity.MAJOR, "span " + span.span() + " (trunk "
                            + span.trunk() + ") is " + span.state().toLowerCase(Locale.ROOT) + ": " + span.detail());
                }
            }
            for (TrunkInfo trunk : now.trunks()) {
                if (!trunk.available()) {
                    raise(wrong, "pstn.trunk." + trunk.name(), Severity.MAJOR, "trunk " + trunk.name()
                            + " cannot take calls: " + trunk.reason());
                }
            }
        });
        for (String condition : raised) {
            if (!wrong.contains(condition)) {
                alarms.clear(condition);
            }
        }
        raised.clear();
        raised.addAll(wrong);
    }

    private void raise(Set<String> wrong, String condition, Severity severity, String text) {
        wrong.add(condition);
        alarms.raise(condition, severity, text);
    }
}
