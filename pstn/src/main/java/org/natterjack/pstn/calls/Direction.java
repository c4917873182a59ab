package org.natterjack.pstn.calls;

/** Which way a PSTN call goes. */
public enum Direction {
    /** From a SIP user through the gateway to the telephone network (or an adapter's test call). */
    OUTBOUND,
    /** From the telephone network to the gateway's SIP side. */
    INBOUND
}
