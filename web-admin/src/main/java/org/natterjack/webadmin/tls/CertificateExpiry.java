package org.natterjack.webadmin.tls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.natterjack.alarms.Alarms;
import org.natterjack.alarms.Severity;

/**
 * The web admin's certificate as an alarm condition: a warning a month before it expires, major in the last week,
 * critical once expired (browsers refuse it then).
 */
public final class CertificateExpiry {

    static final String CONDITION = "web-admin.certificate";
    static final Duration WARN = Duration.ofDays(30);
    static final Duration URGENT = Duration.ofDays(7);

    private final ServedCertificate served;
    private final Alarms alarms;
    private final Clock clock;

    public CertificateExpiry(ServedCertificate served, Alarms alarms, Clock clock) {
        this.served = served;
        this.alarms = alarms;
        this.clock = clock;
    }

    /** One check (an hourly job, and at start). */
    public void check() {
        Instant notAfter = served.current().notAfter();
        Duration left = Duration.between(clock.instant(), notAfter);
        Severity severity = left.isNegative() ? Severity.CRITICAL
                : left.compareTo(URGENT) < 0 ? Severity.MAJOR : Severity.WARNING;
        alarms.set(CONDITION, left.compareTo(WARN) < 0, severity, left.isNegative()
                ? "the web admin's certificate expired on " + notAfter + ": upload a new one on the Certificate page"
                : "the web admin's certificate expires on " + notAfter + " (in " + left.toDays()
                        + " days): upload a new one on the Certificate page");
    }
}
