package org.natterjack.admin;

import java.util.List;
import org.natterjack.location.NodeId;

/** The gateway nodes that share the store, for the web admin. */
public interface Nodes {

    /** The node serving this page. */
    NodeId self();

    /** True when the store is shared (PostgreSQL); a gateway that runs alone has no node table. */
    boolean shared();

    /** Every node of the store, its bindings counted (a query); empty for a gateway that runs alone. */
    List<NodeStatus> list();
}
