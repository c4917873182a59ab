package org.natterjack.sip.proxy.plan;

import java.util.Optional;

/**
 * What follows when every branch of a {@link CallPlan.Fork} ends without a 2xx.
 *
 * @param next where the plan resumes; empty: the best response goes upstream
 * @param on which failures lead to {@code next}
 * @param ringSeconds how long the branches may ring before they are cancelled and count as 408; 0 for timer
 *     C alone
 */
public record Failover(Optional<Next> next, Trigger on, int ringSeconds) {

    /** The failures that move on to {@code next}. */
    public enum Trigger {
        /** 408 or 5xx: the routing table's failover (a busy callee, 486, is an answer, not a failure). */
        SERVER_FAILURE,
        /** Any final response but 2xx: a ring group's next member. */
        ANY_FAILURE
    }

    /** The routing table's failover to {@code next}, timer C alone limiting the ringing. */
    public static Failover onServerFailure(Optional<Next> next) {
        return new Failover(next, Trigger.SERVER_FAILURE, 0);
    }
}
