package org.natterjack.nat;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** How far a user's NAT test is trusted: an operator who knows a device's network can overrule the test. */
public enum NatPolicy {
    /** The NAT test decides. */
    AUTO,
    /** Behind NAT whatever the test finds: reached over its flow, calls anchored in the media relay. */
    ALWAYS,
    /** Never behind NAT: the Contact is trusted and reached as sent. */
    NEVER;

    /** The NAT evidence to keep for a client whose NAT test found {@code found}. */
    public Set<NatIndication> apply(Set<NatIndication> found) {
        return switch (this) {
            case AUTO -> found;
            case ALWAYS -> found.isEmpty() ? EnumSet.of(NatIndication.POLICY) : found;
            case NEVER -> Set.of();
        };
    }

    /** The written form, lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code auto}, {@code always} or {@code never}, in any case. */
    public static NatPolicy parse(String text) {
        for (NatPolicy p : values()) {
            if (p.text().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not auto, always or never");
    }
}
