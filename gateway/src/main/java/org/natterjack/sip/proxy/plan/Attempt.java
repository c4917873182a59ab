package org.natterjack.sip.proxy.plan;

import org.natterjack.routing.Destination;

/**
 * One route to try, in order: a routing rule's match, or the Request-URI's local user when none matched.
 *
 * @param user the user part to call with (after the rule's number manipulation)
 * @param homeRoute taken because a user had no binding, so a second unreachable user ends it (no loops)
 * @param rule what chose it, for the call's record: {@code rule N}, {@code local user}, {@code home route}
 */
public record Attempt(Destination destination, String user, boolean homeRoute, String rule) {
}
