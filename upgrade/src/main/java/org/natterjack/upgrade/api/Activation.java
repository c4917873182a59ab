package org.natterjack.upgrade.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** When an installed upgrade switches slots and reboots. */
public sealed interface Activation {

    /** As soon as it is installed. */
    record Now() implements Activation {
        @Override
        public String toString() {
            return "now";
        }
    }

    /** At a time of the operator's choosing (a quiet hour). */
    record At(Instant time) implements Activation {
        @Override
        public String toString() {
            return "at:" + time;
        }
    }

    /** When the operator asks ({@code POST /api/v1/upgrades/activate}). */
    record Manual() implements Activation {
        @Override
        public String toString() {
            return "manual";
        }
    }

    /**
     * Parses {@code now}, {@code manual} or {@code at:<ISO instant>}, as the API and the command line take them.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Activation parse(String text) {
        if ("now".equals(text)) {
            return new Now();
        }
        if ("manual".equals(text)) {
            return new Manual();
        }
        if (text.startsWith("at:")) {
            try {
                return new At(Instant.parse(text.substring(3)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("activate: '" + text.substring(3) + "' is not an ISO time such as"
                        + " 2026-12-24T02:00:00Z");
            }
        }
        throw new IllegalArgumentException("activate must be now, manual or at:<ISO time>, not '" + text + "'");
    }
}
