package org.natterjack.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Local users called together under one name ({@code group:NAME} routes).
 *
 * @param members user names in calling order; users that do not exist or are not registered are skipped
 * @param ringSeconds how long the whole group ({@link Strategy#PARALLEL}) or each member
 *     ({@link Strategy#SEQUENTIAL}) rings before the call goes on (to the next member, or as 408 to the
 *     route's failover)
 */
public record RingGroup(String name, List<String> members, Strategy strategy, int ringSeconds) {

    /** How the members are called. */
    public enum Strategy {
        /** Every member's phones at once; the first to answer takes the call, the others are cancelled. */
        PARALLEL,
        /** One member after the other, each until it answers, refuses or has rung {@code ringSeconds}. */
        SEQUENTIAL;

        public static Strategy parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ring group strategy '" + text
                        + "' is not parallel or sequential", e);
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RingGroup {
        new Destination.Group(name); // validates the name
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("ring group " + name + " needs at least one member");
        }
        if (new HashSet<>(members).size() != members.size()) {
            throw new IllegalArgumentException("ring group " + name + " lists a member twice");
        }
        if (members.stream().anyMatch(m -> m.isBlank() || m.equals("*"))) {
            throw new IllegalArgumentException("ring group " + name + " has a blank or '*' member");
        }
        if (ringSeconds < 1 || ringSeconds > 3600) {
            throw new IllegalArgumentException("ring seconds " + ringSeconds + " is not 1-3600");
        }
    }
}
