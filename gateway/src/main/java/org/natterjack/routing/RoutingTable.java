package org.natterjack.routing;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ordered rules; the first match decides, and a rule marked failover lets the next match take over
 * when its destination fails. Also holds the ring groups that {@code group:} rules name. Immutable: the
 * store builds a new table when rules or groups change.
 */
public final class RoutingTable {

    /** A matching rule and what it made of the number. */
    public record Route(RoutingRule rule, String user) {
        public Destination destination() {
            return rule.destination();
        }
    }

    private final List<RoutingRule> rules;
    private final Map<String, RingGroup> groups;

    public RoutingTable(List<RoutingRule> rules, List<RingGroup> groups) {
        List<RoutingRule> sorted = new ArrayList<>(rules);
        sorted.sort((a, b) -> a.position() != b.position() ? Integer.compare(a.position(), b.position())
                : Long.compare(a.id(), b.id()));
        this.rules = List.copyOf(sorted);
        this.groups = groups.stream().collect(Collectors.toUnmodifiableMap(RingGroup::name, Function.identity()));
    }

    /**
     * The routes for {@code user} from {@code source}: the first matching rule, followed by the next
     * matching ones for as long as each rule before asks for failover. Empty when no rule matches.
     */
    public List<Route> routes(String user, InetAddress source) {
        List<Route> routes = new ArrayList<>();
        for (RoutingRule rule : rules) {
            if (rule.matches(user, source)) {
                routes.add(new Route(rule, rule.rewrite(user)));
                if (!rule.failover()) {
                    break;
                }
            }
        }
        return routes;
    }

    public List<RoutingRule> rules() {
        return rules;
    }

    public Optional<RingGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }
}
