package org.natterjack.admin;

import java.util.List;

/** Calls whose media the relay anchors, with live counters. */
public interface ActiveCalls {

    List<ActiveCall> list();

    /**
     * Ends an answered call: the gateway sends a BYE to each party (as it does on a media timeout) and
     * closes the relay session; a call not yet answered only loses its relay session.
     *
     * @return false if there is no such call
     */
    boolean hangUp(String callId);
}
