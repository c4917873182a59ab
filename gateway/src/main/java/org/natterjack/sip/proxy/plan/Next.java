package org.natterjack.sip.proxy.plan;

import java.util.List;
import java.util.Optional;
import org.natterjack.routing.RingGroup;

/** Where a plan resumes after a failure; the executor only hands it back to {@link CallPlanner#resume}. */
public sealed interface Next {

    /** The route at {@code index} of the request's routes. */
    record Route(CallRequest call, List<Attempt> attempts, int index) implements Next {
        public Route {
            attempts = List.copyOf(attempts);
        }
    }

    /**
     * A sequential ring group's member {@code member} or the next reachable one; then {@code afterGroup}.
     * {@code rule} chose the group.
     */
    record Member(RingGroup group, String host, int member, Optional<Next> afterGroup, String rule) implements Next {
    }
}
