package org.natterjack.location;

import java.util.Collection;
import java.util.List;

/** A location service that takes in the bindings other nodes of a shared store hold, as the store has them. */
public interface MergeableLocation {

    /** The node this service runs on: its own bindings are never replaced from the store. */
    NodeId node();

    /** Replaces the other nodes' bindings of {@code aor} with those in {@code stored}. */
    void merge(String aor, List<Binding> stored);

    /** {@link #merge} for every AOR, from all the bindings the other nodes hold. */
    void mergeAll(Collection<Binding> heldElsewhere);
}
