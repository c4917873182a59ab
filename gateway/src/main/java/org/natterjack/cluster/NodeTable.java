package org.natterjack.cluster;

import java.util.List;
import org.natterjack.location.NodeId;

/** Where the nodes sharing a store record themselves (the store's {@code gateway_node} table). */
public interface NodeTable {

    /** Enters (or re-enters) this node, its heartbeat now. */
    void join(NodeId node, String sipAddress, String version);

    /**
     * Renews this node's heartbeat; false if its row is gone (removed by another node after a long silence), so
     * that it joins again.
     */
    boolean heartbeat(NodeId node, int calls);

    /** Every node, its silence measured now by the database's clock; bindings counted only if asked (a scan). */
    List<Node> nodes(boolean countBindings);

    /** Removes the nodes silent for longer than {@code graceMillis}, and their bindings; how many bindings went. */
    int removeSilent(long graceMillis);
}
