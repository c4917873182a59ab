package org.natterjack.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.natterjack.location.NodeId;

/** The other gateway nodes of a shared store, as the proxy needs them. */
public interface PeerNodes {

    /** A gateway that runs alone: it has no peers. */
    PeerNodes NONE = new PeerNodes() {
        @Override
        public NodeId self() {
            return NodeId.LOCAL;
        }

        @Override
        public Optional<InetSocketAddress> sipAddress(NodeId node) {
            return Optional.empty();
        }

        @Override
        public boolean isPeer(InetAddress source) {
            return false;
        }
    };

    /** This node. */
    NodeId self();

    /** Where {@code node} takes SIP for the flows it holds. */
    Optional<InetSocketAddress> sipAddress(NodeId node);

    /** True if {@code source} is another node's address: its requests may name flows this node holds. */
    boolean isPeer(InetAddress source);
}
