package org.natterjack.sip.proxy.plan;

import java.util.List;
import java.util.Optional;
import org.natterjack.location.Binding;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;

/**
 * The next thing to do with an initial request, as {@link CallPlanner} decides it. A step that may fail
 * names its {@link Failover}; when it fails, the executor asks the planner to {@link CallPlanner#resume
 * resume} there, so the step after is decided on the bindings and trunks of that moment, as a failure route
 * would be.
 *
 * <p>The ways of ringing: {@link Fork} rings its contacts in parallel; {@link Resolve} tries the servers DNS
 * names in turn; a sequential ring group (hunt) is a {@link Fork} per member whose failover, on any failure,
 * is the next member.
 */
public sealed interface CallPlan {

    /** Answer with a response of our own. */
    record Respond(int status, Optional<String> reason) implements CallPlan {

        static Respond with(int status) {
            return new Respond(status, Optional.empty());
        }

        static Respond with(int status, String reason) {
            return new Respond(status, Optional.of(reason));
        }
    }

    /** Redirect mode (RFC 3261 8.3): 302 with a Contact for {@code user} at each flow's remote address. */
    record Redirect(String user, List<Flow> contacts) implements CallPlan {
        public Redirect {
            contacts = List.copyOf(contacts);
        }
    }

    /** Ring these registered contacts at once. */
    record Fork(List<Binding> contacts, Failover failover, RouteChoice choice) implements CallPlan {
        public Fork {
            contacts = List.copyOf(contacts);
        }
    }

    /**
     * Find the SIP servers of {@code host} (RFC 3263; asynchronous, so the executor does it) and try them in
     * turn, the Request-URI's user set to {@code user}. With no server found: {@code next}, else
     * {@code unresolvedStatus}. After the last server fails: {@code next}.
     */
    record Resolve(String host, int port, Optional<Transport> transport, String user, int unresolvedStatus,
                   Optional<Next> next, RouteChoice choice) implements CallPlan {
    }
}
