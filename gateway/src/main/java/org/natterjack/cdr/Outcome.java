package org.natterjack.cdr;

import java.util.List;
import java.util.Locale;

/** How a call's INVITE ended, from the final response the caller got. */
public enum Outcome {
    ANSWERED, BUSY, NO_ANSWER, FAILED, CANCELLED, REFUSED_OVERLOAD;

    /** The outcomes a call record can have: a call refused for overload never reached the proxy. */
    public static final List<Outcome> RECORDED = List.of(ANSWERED, BUSY, NO_ANSWER, FAILED, CANCELLED);

    /** The lower-case name, as in metrics labels, the API and CSV. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** The outcome a final response to the caller means. */
    public static Outcome of(int status, boolean cancelledByCaller) {
        if (status < 300) {
            return ANSWERED;
        }
        if (cancelledByCaller && status == 487) {
            return CANCELLED;
        }
        return switch (status) {
            case 486, 600 -> BUSY;
            case 408, 480, 487 -> NO_ANSWER;
            default -> FAILED;
        };
    }
}
