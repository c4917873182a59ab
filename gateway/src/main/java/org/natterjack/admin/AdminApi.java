package org.natterjack.admin;

import org.natterjack.capture.SipCapture;
import org.natterjack.cdr.CallHistory;

/** Everything an administration front end may see and change in the running gateway. */
public interface AdminApi {

    SipUsers users();

    Registrations registrations();

    ActiveCalls calls();

    /** The records of calls that ended. */
    CallHistory callHistory();

    /** The SIP messages of recent calls and registrations. */
    SipCapture capture();

    RoutingRules routes();

    /** The configuration file's settings with the operator's overrides, changed live. */
    Settings settings();

    /** Backup and restore of the whole configuration. */
    Backup backup();

    RingGroups groups();

    Logs logs();

    /** The nodes sharing the store, and which one this is. */
    Nodes nodes();

    /** Version, uptime, registrations and the relay at a glance; cheap enough to poll every few seconds. */
    GatewaySummary status();
}
