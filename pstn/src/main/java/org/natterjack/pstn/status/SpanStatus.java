package org.natterjack.pstn.status;

/**
 * A configured span's state and, unless it is up, why.
 *
 * @param restartNeeded the span's layout (system.conf) changed after Asterisk started, and Asterisk applies a
 *     new layout only when it restarts: until then it runs the span as it was
 */
public record SpanStatus(int span, String trunk, SpanState state, String detail, boolean restartNeeded) {

    /** A status with no restart pending. */
    public SpanStatus(int span, String trunk, SpanState state, String detail) {
        this(span, trunk, state, detail, false);
    }

    SpanStatus needingRestart() {
        String restart = "restart needed: Asterisk runs the span's old layout until it restarts";
        return new SpanStatus(span, trunk, state, detail.isEmpty() ? restart : detail + "; " + restart, true);
    }

    public boolean isUp() {
        return state == SpanState.UP;
    }
}
