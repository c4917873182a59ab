package org.natterjack.admin;

/** Everything an administration front end may see and change in the running gateway. */
public interface AdminApi {

    SipUsers users();

    Registrations registrations();

    ActiveCalls calls();

    RoutingRules routes();

    RingGroups groups();

    Logs logs();

    /** Version, uptime, registrations and the relay at a glance; cheap enough to poll every few seconds. */
    GatewaySummary status();
}
