package org.natterjack.admin;

import java.util.List;

/**
 * The routing table. A change applies to the next call (the proxy rebuilds its table when the store changes).
 * Invalid rules are refused with an {@link IllegalArgumentException} naming what is wrong.
 */
public interface RoutingRules {

    /** The rules in evaluation order. */
    List<RouteRule> list();

    /** Adds a rule ({@link RouteRule#id()} is ignored) and returns it with its id. */
    RouteRule add(RouteRule rule);

    boolean remove(long id);

    /**
     * Puts the rules in the given order (positions 10, 20, 30, ...).
     *
     * @throws IllegalArgumentException unless {@code ids} names every rule exactly once
     */
    void reorder(List<Long> ids);

    /**
     * What the proxy would do with a call to {@code number} from {@code source}: the matching rule(s) and
     * the number each would dial.
     *
     * @param source an IP address literal
     * @throws IllegalArgumentException if {@code source} is not an IP address
     */
    RouteSimulation simulate(String number, String source);
}
