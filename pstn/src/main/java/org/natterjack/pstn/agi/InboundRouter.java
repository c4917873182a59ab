package org.natterjack.pstn.agi;

import java.net.InetAddress;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.natterjack.routing.Destination;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.RoutingTable.Route;

/**
 * Routes a PSTN call by its dialled number (DID) with the gateway's own routing table, matched as if the
 * request came from Asterisk (as it will): a number no rule takes is refused with the configured cause, a
 * {@code reject:} rule with the Q.850 equivalent of its status, a {@code trunk:} rule goes out on that trunk
 * directly; anything else (a user, a ring group, a next hop) goes to the gateway unchanged, which applies the
 * same rule again. While the gateway drains (before an upgrade switches slots) every new call is refused with
 * cause 34, no circuit available, so that the network offers it on another route if it has one.
 */
public final class InboundRouter {

    private final Supplier<RoutingTable> routing;
    private final InetAddress asterisk;
    private final int unknownCause;
    private final BooleanSupplier draining;

    /** @param draining whether the gateway drains now (read for every call) */
    public InboundRouter(Supplier<RoutingTable> routing, InetAddress asterisk, int unknownCause,
                         BooleanSupplier draining) {
        this.routing = routing;
        this.asterisk = asterisk;
        this.unknownCause = unknownCause;
        this.draining = draining;
    }

    public InboundRoute route(String did) {
        if (draining.getAsBoolean()) {
            return new InboundRoute.Reject(Q850.NO_CIRCUIT_AVAILABLE, "draining for an upgrade: no new calls");
        }
        List<Route> routes = routing.get().routes(did, asterisk);
        if (routes.isEmpty()) {
            return new InboundRoute.Reject(unknownCause, "no route for " + did);
        }
        Route first = routes.get(0);
        if (first.destination() instanceof Destination.Reject reject) {
            return new InboundRoute.Reject(Q850.ofSipStatus(reject.status()), "rule " + first.rule().id()
                    + " rejects with " + reject.status());
        }
        if (first.destination() instanceof Destination.Trunk trunk) {
            return new InboundRoute.ToTrunk(trunk.name(), first.user());
        }
        return new InboundRoute.ToGateway(did);
    }
}
