package org.natterjack.cluster;

import java.time.Duration;
import java.time.Instant;
import org.natterjack.location.NodeId;

/**
 * A gateway node as the shared store knows it.
 *
 * @param id its name
 * @param sipAddress where the other nodes send it SIP, {@code HOST:PORT}
 * @param version the release it runs
 * @param started when it started
 * @param silence how long since its last heartbeat, by the database's clock
 * @param calls calls in progress at its last heartbeat
 * @param bindings bindings whose flows it holds
 */
public record Node(NodeId id, String sipAddress, String version, Instant started, Duration silence, int calls,
                   long bindings) {
}
