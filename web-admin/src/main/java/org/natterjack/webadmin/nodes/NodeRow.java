package org.natterjack.webadmin.nodes;

import org.natterjack.admin.NodeStatus;

/**
 * A node as a row of the Nodes page and of {@code GET /api/v1/nodes}.
 *
 * @param heartbeatAgeMillis how long since its last heartbeat, by the database's clock
 */
public record NodeRow(String name, String sipAddress, String version, String started, long heartbeatAgeMillis,
                      boolean alive, long bindings, int calls, boolean self) {

    public static NodeRow of(NodeStatus status) {
        var n = status.node();
        return new NodeRow(n.id().name(), n.sipAddress(), n.version(), n.started().toString(),
                n.silence().toMillis(), status.alive(), n.bindings(), n.calls(), status.self());
    }
}
