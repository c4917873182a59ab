package org.natterjack.admin;

import java.util.List;

/**
 * A ring group: local users called together under one name ({@code group:NAME} routes).
 *
 * @param members user names in calling order; users that do not exist or are not registered are skipped
 * @param strategy {@code parallel} (all at once) or {@code sequential} (one after the other)
 * @param ringSeconds how long the group (parallel) or each member (sequential) rings, 1-3600
 */
public record RingGroupInfo(String name, List<String> members, String strategy, int ringSeconds) {

    public RingGroupInfo {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
