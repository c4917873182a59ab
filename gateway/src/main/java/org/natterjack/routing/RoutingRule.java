package org.natterjack.routing;

import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.natterjack.config.Cidr;

/**
 * One rule of the routing table.
 *
 * @param id the store's id
 * @param position evaluation order, lowest first
 * @param prefix the user part must start with this (or {@code regex} must match it; exactly one is set)
 * @param source the request must come from this block, if set
 * @param strip characters removed from the front of the user part
 * @param addPrefix then prepended
 * @param replace then, if set, applied as a regular-expression replacement with {@code replacement}
 * @param failover on 408 or 5xx from this destination, the next matching rule is tried
 */
public record RoutingRule(long id, int position, Optional<String> prefix, Optional<Pattern> regex,
                          Optional<Cidr> source, int strip, String addPrefix, Optional<Pattern> replace,
                          String replacement, Destination destination, boolean failover, String description) {

    public RoutingRule {
        if (prefix.isPresent() == regex.isPresent()) {
            throw new IllegalArgumentException("a rule matches either by prefix or by regular expression");
        }
        if (strip < 0) {
            throw new IllegalArgumentException("strip must not be negative");
        }
    }

    /** Compiles a user-supplied regular expression, with a message that says which one failed. */
    public static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    boolean matches(String user, InetAddress from) {
        if (source.isPresent() && !source.get().contains(from)) {
            return false;
        }
        return prefix.map(user::startsWith).orElseGet(() -> regex.get().matcher(user).matches());
    }

    /** The user part after strip, prefix and replacement. */
    String rewrite(String user) {
        String result = addPrefix + user.substring(Math.min(strip, user.length()));
        return replace.map(p -> p.matcher(result).replaceAll(replacement)).orElse(result);
    }
}
