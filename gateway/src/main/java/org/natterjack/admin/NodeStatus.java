package org.natterjack.admin;

import org.natterjack.cluster.Node;

/**
 * A node as the web admin shows it.
 *
 * @param node what the store says of it
 * @param alive heard from within {@code node.dead-after-seconds} (always, for the node itself)
 * @param self the node serving the page
 */
public record NodeStatus(Node node, boolean alive, boolean self) {
}
