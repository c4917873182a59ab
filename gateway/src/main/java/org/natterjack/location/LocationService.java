package org.natterjack.location;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Where registered clients are: bindings by address-of-record, written by the registrar and read by the proxy,
 * the NAT keepalives and the admin. Modelled on Kamailio's {@code usrloc} API: save, lookup, remove, expire,
 * listen.
 *
 * <p>Implementations keep each AOR's bindings consistent: {@link #save} is atomic per AOR, and readers see a
 * whole list, never a half-applied change.
 */
public interface LocationService {

    /** The node this service runs on; bindings whose {@link Binding#node()} differs are held elsewhere. */
    NodeId node();

    /** The AOR's live bindings, most preferred (highest q) first; expired ones are left out. */
    List<Binding> lookup(String aor);

    /**
     * Replaces the AOR's bindings with {@code change.apply(current)}, atomically with respect to other saves
     * of the same AOR. The function must be free of side effects: it may run more than once.
     */
    void save(String aor, UnaryOperator<List<Binding>> change);

    /** Removes one binding, e.g. after its NAT keepalives went unanswered or an operator removed it. */
    void remove(String aor, String bindingKey);

    /** Drops the bindings that have expired; returns how many. */
    int expire();

    /** Every binding held, expired ones not yet dropped included. */
    Stream<Binding> all();

    /** The bindings whose flows this node holds: the ones it can send down (keepalives, for one). */
    default Stream<Binding> heldHere() {
        return all().filter(b -> b.node().equals(node()));
    }

    /** How many bindings are held. */
    int size();

    /** Tells {@code listener} about every later change, after it is visible to readers. */
    void listen(BindingListener listener);
}
