package org.natterjack.sip.keepalive;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.natterjack.location.Binding;
import org.natterjack.location.BindingListener;
import org.natterjack.location.LocationService;
import org.natterjack.metrics.RegistrarMeters;
import org.natterjack.net.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A binding whose connection closed is dead at once (RFC 5626: the flow is gone, and the client can only be
 * reached over a connection it opens): it is dropped, so calls go to the user's other bindings or home route
 * without waiting for its expiry or for keepalives to go unanswered; the client's next REGISTER, over its new
 * connection, binds it again. A binding that moved to another flow meanwhile is kept.
 *
 * <p>Closes are reported on the thread that reads every TCP connection, and many come at once when a site's
 * network fails, so the bindings held over each connection are indexed as the location service reports its
 * changes rather than searched for.
 */
public final class ClosedConnections implements Consumer<Flow.Connection>, BindingListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedConnections.class);

    private record BindingId(String aor, String key) {
    }

    private final LocationService location;
    private final Map<Flow.Connection, Set<BindingId>> byConnection = new HashMap<>();
    private final Map<BindingId, Flow.Connection> connectionOf = new HashMap<>();

    private final RegistrarMeters meters;

    private ClosedConnections(LocationService location, RegistrarMeters meters) {
        this.location = location;
        this.meters = meters;
    }

    /** Drops the bindings of {@code location} whose connections close, from the changes made after this call. */
    public static ClosedConnections watching(LocationService location, RegistrarMeters meters) {
        ClosedConnections closed = new ClosedConnections(location, meters);
        location.listen(closed);
        return closed;
    }

    @Override
    public synchronized void saved(Binding binding) {
        BindingId id = new BindingId(binding.aor(), binding.key());
        forget(id);
        // A binding made through a Path came over a connection of the edge proxy's, not of the client's.
        if (binding.received() instanceof Flow.Connection connection && binding.node().equals(location.node())
                && binding.path().isEmpty()) {
            connectionOf.put(id, connection);
            byConnection.computeIfAbsent(connection, c -> new HashSet<>()).add(id);
        }
    }

    @Override
    public synchronized void removed(Binding binding) {
        forget(new BindingId(binding.aor(), binding.key()));
    }

    private void forget(BindingId id) {
        Flow.Connection connection = connectionOf.remove(id);
        Set<BindingId> ids = connection == null ? null : byConnection.get(connection);
        if (ids != null && ids.remove(id) && ids.isEmpty()) {
            byConnection.remove(connection);
        }
    }

    @Override
    public void accept(Flow.Connection closed) {
        List<BindingId> dead;
        synchronized (this) {
            dead = List.copyOf(byConnection.getOrDefault(closed, Set.of()));
        }
        for (BindingId id : dead) {
            // Only if still over that connection: the client may have registered over a new one meanwhile.
            location.save(id.aor(), current -> current.stream()
                    .filter(b -> !(b.key().equals(id.key()) && closed.equals(b.received()))).toList());
            meters.dropped(RegistrarMeters.Dropped.CONNECTION_CLOSED, 1);
            LOG.info("Dropped binding {} of {}: its connection {} closed", id.key(), id.aor(), closed);
        }
    }
}
