package org.natterjack.location;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The location service: an in-memory table of bindings by address-of-record. The store persists it by listening
 * (write-behind) and hands it back through {@link #restore} at start-up; with a store shared by several nodes, the
 * other nodes' bindings arrive through {@link #merge}.
 *
 * <p>Each AOR's bindings are an immutable list replaced atomically; readers never lock.
 */
public final class MemoryLocationService implements LocationService, MergeableLocation {

    private final ConcurrentHashMap<String, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final Predicate<NodeId> alive;
    private final List<BindingListener> listeners = new CopyOnWriteArrayList<>();
    private final NodeId node;
    private final Clock clock;

    public MemoryLocationService(NodeId node, Clock clock) {
        this(node, clock, n -> true);
    }

    /**
     * A location service whose lookups offer only the bindings of nodes {@code alive} accepts: the others' flows
     * died with them, and calls should go to the user's other bindings or home route at once.
     */
    public MemoryLocationService(NodeId node, Clock clock, Predicate<NodeId> alive) {
        this.node = node;
        this.clock = clock;
        this.alive = alive;
    }

    @Override
    public NodeId node() {
        return node;
    }

    @Override
    public void listen(BindingListener listener) {
        listeners.add(listener);
    }

    @Override
    public List<Binding> lookup(String aor) {
        List<Binding> bindings = byAor.get(aor);
        if (bindings == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return bindings.stream().filter(b -> !b.isExpired(now) && (b.node().equals(node) || alive.test(b.node())))
                .toList();
    }

    @Override
    public Stream<Binding> all() {
        return byAor.values().stream().flatMap(Collection::stream);
    }

    @Override
    public int size() {
        return byAor.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void save(String aor, UnaryOperator<List<Binding>> change) {
        List<List<Binding>> beforeAndAfter = new ArrayList<>(2);
        byAor.compute(aor, (key, old) -> {
            List<Binding> current = old == null ? List.of() : old;
            List<Binding> next = List.copyOf(change.apply(current));
            beforeAndAfter.clear();
            beforeAndAfter.add(current);
            beforeAndAfter.add(next);
            return next.isEmpty() ? null : next;
        });
        notifyChanges(beforeAndAfter.get(0), beforeAndAfter.get(1));
    }

    @Override
    public void remove(String aor, String bindingKey) {
        save(aor, current -> current.stream().filter(b -> !b.key().equals(bindingKey)).toList());
    }

    @Override
    public int expire() {
        Instant now = clock.instant();
        int[] purged = {0};
        for (String aor : byAor.keySet()) {
            List<Binding> bindings = byAor.get(aor);
            if (bindings != null && anyExpired(bindings, now)) {
                save(aor, current -> {
                    List<Binding> live = current.stream().filter(b -> !b.isExpired(now)).toList();
                    purged[0] += current.size() - live.size();
                    return live;
                });
            }
        }
        return purged[0];
    }

    // Loops, not streams, where every AOR is visited: a million of them on a large shared store.
    private static boolean anyExpired(List<Binding> bindings, Instant now) {
        for (Binding b : bindings) {
            if (b.isExpired(now)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyElsewhere(List<Binding> bindings) {
        for (Binding b : bindings) {
            if (!b.node().equals(node)) {
                return true;
            }
        }
        return false;
    }

    /** Loads bindings read back from the store at start-up, without reporting them as changes. */
    public void restore(Collection<Binding> bindings) {
        Map<String, List<Binding>> grouped = new HashMap<>();
        for (Binding b : bindings) {
            grouped.computeIfAbsent(b.aor(), k -> new ArrayList<>(1)).add(b);
        }
        grouped.forEach((aor, list) -> byAor.put(aor, Binding.byPreference(list)));
    }

    /**
     * Takes the other nodes' bindings of {@code aor} from {@code stored} (what a shared store holds now), keeping this
     * node's own: those are written from here, so memory is ahead of the store for them. One of ours that another
     * node has since seen later (the device moved there) gives way. Not reported as a change: it is not ours.
     */
    @Override
    public void merge(String aor, List<Binding> stored) {
        byAor.compute(aor, (key, old) -> {
            Map<String, Binding> merged = new LinkedHashMap<>();
            for (Binding b : stored) {
                if (!b.node().equals(node)) {
                    merged.put(b.key(), b);
                }
            }
            for (Binding own : old == null ? List.<Binding>of() : old) {
                if (own.node().equals(node)) {
                    Binding elsewhere = merged.get(own.key());
                    if (elsewhere == null || !elsewhere.lastSeen().isAfter(own.lastSeen())) {
                        merged.put(own.key(), own);
                    }
                }
            }
            return merged.isEmpty() ? null : Binding.byPreference(merged.values());
        });
    }

    /** {@link #merge} for every AOR, from all the bindings other nodes hold: after notifications may have been lost. */
    @Override
    public void mergeAll(Collection<Binding> heldElsewhere) {
        Map<String, List<Binding>> grouped = new HashMap<>();
        for (Binding b : heldElsewhere) {
            grouped.computeIfAbsent(b.aor(), k -> new ArrayList<>(1)).add(b);
        }
        Set<String> aors = new HashSet<>(grouped.keySet());
        byAor.forEach((aor, bindings) -> {
            if (anyElsewhere(bindings)) {
                aors.add(aor);
            }
        });
        aors.forEach(aor -> merge(aor, grouped.getOrDefault(aor, List.of())));
    }

    private void notifyChanges(List<Binding> before, List<Binding> after) {
        for (Binding b : after) {
            if (!before.contains(b)) {
                listeners.forEach(l -> l.saved(b));
            }
        }
        for (Binding b : before) {
            if (after.stream().noneMatch(a -> a.key().equals(b.key()))) {
                listeners.forEach(l -> l.removed(b));
            }
        }
    }
}
