package org.natterjack.webadmin.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.cdr.CallQuery;
import org.natterjack.cdr.Outcome;

/**
 * A call history search from query parameters, shared by the Calls history page and {@code GET /api/v1/cdrs}:
 * {@code from}, {@code to} (an instant {@code 2026-12-06T10:00:00Z}, a local time {@code 2026-12-06T10:00} or a
 * day {@code 2026-12-06}, in the gateway's time zone), {@code number}, {@code user}, {@code outcome},
 * {@code poor} ({@code true} or {@code on}), {@code limit}.
 */
public final class HistoryQuery {

    private HistoryQuery() {
    }

    /** @param param a request's query parameter by name, null when absent */
    public static CallQuery parse(Function<String, String> param, int defaultLimit, ZoneId zone) {
        Optional<Instant> from = time(param.apply("from"), "from", zone);
        Optional<Instant> to = time(param.apply("to"), "to", zone);
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new InvalidFieldException("to", "to: must be after from");
        }
        Optional<Outcome> outcome = Optional.ofNullable(param.apply("outcome")).filter(o -> !o.isBlank()).map(o -> {
            try {
                return Outcome.ofLabel(o.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("outcome", "outcome: one of " + String.join(", ",
                        Outcome.RECORDED.stream().map(Outcome::label).toList()) + ", not '" + o + "'");
            }
        });
        String poor = param.apply("poor");
        boolean poorOnly = poor != null && (poor.equalsIgnoreCase("true") || poor.equalsIgnoreCase("on"));
        return new CallQuery(from, to, Optional.ofNullable(param.apply("number")),
                Optional.ofNullable(param.apply("user")), outcome, poorOnly, limit(param.apply("limit"), defaultLimit));
    }

    private static int limit(String text, int defaultLimit) {
        if (text == null || text.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1 && limit <= CallQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFieldException("limit", "limit: a number from 1 to " + CallQuery.MAX_LIMIT);
    }

    private static Optional<Instant> time(String text, String field, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        try {
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Optional.of(java.time.OffsetDateTime.parse(t).toInstant());
            }
            if (t.contains("T")) {
                return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
            }
            return Optional.of(LocalDate.parse(t).atStartOfDay(zone).toInstant());
        } catch (DateTimeException e) {
            throw new InvalidFieldException(field, field + ": a time like 2026-12-06T10:00:00Z, 2026-12-06T10:00"
                    + " or 2026-12-06, not '" + text + "'");
        }
    }
}
