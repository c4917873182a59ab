package org.natterjack.routing;

import java.util.Optional;
import org.natterjack.config.Cidr;

/**
 * A routing rule as an operator writes it (command line, web admin, store): plain strings, validated by
 * {@link #toRule}. Nullable fields are absent settings.
 */
public record RuleSpec(long id, int position, String prefix, String regex, String source, int strip,
                       String addPrefix, String replace, String replacement, String destination,
                       boolean failover, String description) {

    /**
     * The rule this spec describes.
     *
     * @throws IllegalArgumentException naming what is wrong (bad regex, bad destination, both or neither match)
     */
    public RoutingRule toRule(long ruleId) {
        if ((prefix == null) == (regex == null)) {
            throw new IllegalArgumentException("give exactly one of a prefix or a regular expression to match");
        }
        if (replace == null && replacement != null) {
            throw new IllegalArgumentException("a replacement needs a regular expression to replace");
        }
        return new RoutingRule(ruleId, position, Optional.ofNullable(prefix),
                Optional.ofNullable(regex).map(RoutingRule::pattern), Optional.ofNullable(source).map(Cidr::parse),
                strip, addPrefix == null ? "" : addPrefix, Optional.ofNullable(replace).map(RoutingRule::pattern),
                replacement == null ? "" : replacement, Destination.parse(destination), failover,
                description == null ? "" : description);
    }
}
