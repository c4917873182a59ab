package org.natterjack.admin;

import java.util.List;
import java.util.Optional;
import org.natterjack.cluster.NodeRegistry;
import org.natterjack.location.NodeId;

/** {@link Nodes} from the node registry, or a gateway alone when there is none. */
final class RegistryNodes implements Nodes {

    private final Optional<NodeRegistry> registry;
    private final NodeId self;

    RegistryNodes(Optional<NodeRegistry> registry, NodeId self) {
        this.registry = registry;
        this.self = self;
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public boolean shared() {
        return registry.isPresent();
    }

    @Override
    public List<NodeStatus> list() {
        return registry.map(r -> r.nodes().stream()
                .map(n -> new NodeStatus(n, r.alive(n.id()), n.id().equals(self))).toList()).orElse(List.of());
    }
}
