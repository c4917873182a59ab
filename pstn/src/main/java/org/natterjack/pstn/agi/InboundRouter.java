package org.natterjack.pstn.agi;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Supplier;
import org.natterjack.routing.Destination;
import org.natterjack.routing.RoutingTable;
import org.natterjack.routing.RoutingTable.Route;

/**
 * Routes a PSTN call by its dialled number (DID) with the gateway's own routing table, matched as if the
 * request came from Asterisk (as it will): a number no rule takes is refused with the configured cause, a
 * {@code reject:} rule with the Q.850 equivalent of its status, a {@code trunk:} rule goes out on that trunk
 * directly; anything else (a user, a ring group, a next hop) goes to the gateway unchanged, which applies the
 * same rule again.
 */
public final class InboundRouter {

    private final Supplier<RoutingTable> routing;
    private final InetAddress asterisk;
    private final int unknownCause;

    public InboundRouter(Supplier<RoutingTable> routing, InetAddress asterisk, int unknownCause) {
        this.routing = routing;
        this.asterisk = asterisk;
        this.unknownCause = unknownCause;
    }

    public InboundRoute route(String did) {
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
