package org.natterjack.alarms;

/** How urgently an operator must act, as ITU-T X.733 grades it (and so SNMP managers and SBCs do). */
public enum Severity {
    /** Service is down: calls fail now (Asterisk unreachable, the store cannot be written). */
    CRITICAL,
    /** Service is degraded: some calls fail, or soon will (a span in alarm, relay ports nearly gone). */
    MAJOR,
    /** Service works, but a condition needs attention before it gets worse. */
    MINOR,
    /** Something will need action later (a certificate expiring within a month). */
    WARNING
}
