package org.natterjack.sip.keepalive;

import java.util.List;
import java.util.function.Consumer;
import org.natterjack.location.Binding;
import org.natterjack.location.LocationService;
import org.natterjack.net.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A binding whose connection closed is dead at once (RFC 5626: the flow is gone, and the client can only be
 * reached over a connection it opens): it is dropped, so calls go to the user's other bindings or home route
 * without waiting for its expiry or for keepalives to go unanswered; the client's next REGISTER, over its new
 * connection, binds it again. A binding replaced by a newer flow is not affected (its flow differs).
 */
public final class ClosedConnections implements Consumer<Flow.Connection> {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedConnections.class);

    private final LocationService location;

    public ClosedConnections(LocationService location) {
        this.location = location;
    }

    /** Every binding held here is looked at: connections close far more rarely than calls come. */
    @Override
    public void accept(Flow.Connection closed) {
        List<Binding> dead = location.heldHere().filter(b -> closed.equals(b.received())).toList();
        for (Binding binding : dead) {
            location.remove(binding.aor(), binding.key());
            LOG.info("Dropped binding {} of {}: its connection {} closed", binding.contact(), binding.aor(), closed);
        }
    }
}
