package org.natterjack.admin;

import java.util.List;

/**
 * The outcome of {@link RoutingRules#simulate}: the routes the proxy would try, in order (the first
 * matching rule, then the next matching ones while each asks for failover). Empty when no rule matches: a
 * local user of that name is called then, or the call is refused.
 */
public record RouteSimulation(String number, String source, List<Step> steps) {

    public RouteSimulation {
        steps = List.copyOf(steps);
    }

    /** One route: the rule, the number after its manipulation, where it goes. */
    public record Step(long ruleId, int position, String description, String number, String destination,
                       boolean failover) {
    }
}
