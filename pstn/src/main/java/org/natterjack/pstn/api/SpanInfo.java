package org.natterjack.pstn.api;

/**
 * A configured span's state and, unless it is up, why.
 *
 * @param state {@code UP}, {@code DOWN} (its ISDN signalling channel), {@code ALARM} (red, yellow or blue),
 *     {@code NO_HARDWARE} (no card, driver or span in DAHDI) or {@code UNKNOWN} (Asterisk not connected or not
 *     polled yet)
 * @param restartNeeded the span's layout changed after Asterisk started, and Asterisk applies a new layout only
 *     when it restarts: until then it runs the span as it was
 */
public record SpanInfo(int span, String trunk, String state, String detail, boolean restartNeeded) {

    public static final String UP = "UP";

    public boolean isUp() {
        return UP.equals(state);
    }
}
