package org.natterjack.sip.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The in-memory table of bindings by address-of-record, as the registrar writes it and the proxy and NAT
 * keepalives read it.
 *
 * <p>Each AOR's bindings are an immutable list replaced atomically; readers never lock. Every change is
 * reported to the {@link BindingListener} after it is visible (the store persists it from there).
 */
public final class LocationService {

    private final ConcurrentHashMap<String, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final BindingListener listener;
    private final Clock clock;

    public LocationService(BindingListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    /** The AOR's live bindings, most preferred (highest q) first. */
    public List<Binding> lookup(String aor) {
        List<Binding> bindings = byAor.get(aor);
        if (bindings == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return bindings.stream().filter(b -> !b.isExpired(now)).toList();
    }

    /** Every binding currently held, expired ones not yet purged included. */
    public Stream<Binding> all() {
        return byAor.values().stream().flatMap(Collection::stream);
    }

    public int size() {
        return byAor.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Replaces the AOR's bindings with {@code change.apply(current)} atomically with respect to other
     * updates of the same AOR. The function must be side-effect free: it may run more than once.
     */
    void update(String aor, UnaryOperator<List<Binding>> change) {
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

    /** Removes one binding, e.g. after its NAT keepalives failed. */
    public void remove(String aor, String bindingKey) {
        update(aor, current -> current.stream().filter(b -> !b.key().equals(bindingKey)).toList());
    }

    /** Drops bindings that have expired; returns how many. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int[] purged = {0};
        for (String aor : byAor.keySet()) {
            List<Binding> bindings = byAor.get(aor);
            if (bindings != null && bindings.stream().anyMatch(b -> b.isExpired(now))) {
                update(aor, current -> {
                    List<Binding> live = current.stream().filter(b -> !b.isExpired(now)).toList();
                    purged[0] += current.size() - live.size();
                    return live;
                });
            }
        }
        return purged[0];
    }

    /** Loads bindings read back from the store at start-up, without reporting them as changes. */
    public void restore(Collection<Binding> bindings) {
        Map<String, List<Binding>> grouped = new HashMap<>();
        bindings.forEach(b -> grouped.computeIfAbsent(b.aor(), k -> new ArrayList<>()).add(b));
        grouped.forEach((aor, list) -> byAor.put(aor, Registrar.byPreference(list)));
    }

    private void notifyChanges(List<Binding> before, List<Binding> after) {
        for (Binding b : after) {
            if (!before.contains(b)) {
                listener.saved(b);
            }
        }
        for (Binding b : before) {
            if (after.stream().noneMatch(a -> a.key().equals(b.key()))) {
                listener.removed(b);
            }
        }
    }
}
