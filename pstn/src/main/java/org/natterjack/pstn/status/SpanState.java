package org.natterjack.pstn.status;

/** What a span can do now. */
public enum SpanState {
    /** Carries calls. */
    UP,
    /** Its ISDN signalling channel is down. */
    DOWN,
    /** The line reports an alarm (red: no signal, yellow: the far end sees none, blue: all ones). */
    ALARM,
    /** DAHDI has no such span: no card, no driver, or chan_dahdi not loaded. */
    NO_HARDWARE,
    /** Not known: Asterisk is not connected, or not polled yet. */
    UNKNOWN
}
