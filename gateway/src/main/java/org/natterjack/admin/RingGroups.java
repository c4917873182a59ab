package org.natterjack.admin;

import java.util.List;
import java.util.Optional;

/**
 * Ring groups; a change applies to the next call. Invalid groups are refused with an
 * {@link IllegalArgumentException} saying what is wrong, and nothing is saved.
 */
public interface RingGroups {

    /** By name. */
    List<RingGroupInfo> list();

    Optional<RingGroupInfo> find(String name);

    /** @throws IllegalArgumentException also if a group of that name exists */
    RingGroupInfo add(RingGroupInfo group);

    /** Replaces the members and settings of group {@code group.name()}; empty if there is none. */
    Optional<RingGroupInfo> update(RingGroupInfo group);

    /** Routes to a removed group find nobody (404). */
    boolean remove(String name);
}
