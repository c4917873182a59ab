package org.natterjack.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Local users called together under one name ({@code group:NAME} routes).
 *
 * @param members user names in calling order; users that do not exist or are not registered are skipped
 * @param ringSeconds how long the whole group ({@link Strategy#PARALLEL}) or each member
 *     ({@link Strategy#SEQUENTIAL}) rings before the call goes on (to the next member, or as 408 to the
 *     route's failover)
 */
public record RingGroup(String name, List<String> members, Strategy strategy, int ringSeconds) {

    /** What a user name may hold (as {@code natterjack user add} checks). */
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9._~+-]{1,64}");

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
        members.stream().filter(m -> !MEMBER.matcher(m).matches()).findFirst().ifPresent(m -> {
            throw new IllegalArgumentException("ring group member '" + m + "' is not a user name (letters, digits"
                    + " and . _ ~ + -, at most 64)");
        });
        if (ringSeconds < 1 || ringSeconds > 3600) {
            throw new IllegalArgumentException("ring seconds " + ringSeconds + " is not 1-3600");
        }
    }
}
