package org.natterjack.admin;

/**
 * A routing rule as an operator writes it; null fields are absent settings. Exactly one of {@code prefix}
 * and {@code regex} is set; the destination is {@code user:NAME}, {@code user:*}, {@code hop:HOST:PORT},
 * {@code reject:CODE}, {@code redirect:NAME}, {@code trunk:NAME} or {@code group:NAME}.
 *
 * @param position evaluation order, lowest first
 * @param source a CIDR block the caller must come from, or null
 * @param strip characters removed from the front of the number
 * @param addPrefix then prepended, or null
 * @param replace then a regular expression replaced with {@code replacement}, or null
 * @param failover on 408/5xx or silence, the next matching rule is tried
 */
public record RouteRule(long id, int position, String prefix, String regex, String source, int strip,
                        String addPrefix, String replace, String replacement, String destination,
                        boolean failover, String description) {

    /** Empty text means "not set", as a form sends it. */
    public RouteRule {
        prefix = blankToNull(prefix);
        regex = blankToNull(regex);
        source = blankToNull(source);
        addPrefix = blankToNull(addPrefix);
        replace = blankToNull(replace);
        replacement = replace == null ? blankToNull(replacement) : replacement;
        destination = destination == null ? "" : destination.trim();
        description = description == null ? "" : description;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
