package org.natterjack.pstn.status;

/** A configured span's state and, unless it is up, why. */
public record SpanStatus(int span, String trunk, SpanState state, String detail) {

    public boolean isUp() {
        return state == SpanState.UP;
    }
}
