package org.natterjack.pstn.api;

import java.util.Optional;
import org.natterjack.pstn.trunk.Presentation;
import org.natterjack.pstn.trunk.Trunk;
import org.natterjack.pstn.trunk.TrunkType;

/**
 * A trunk as an operator enters it (command line, web form, JSON): text fields, where null or blank means
 * "the usual": type dahdi, group 1, presentation allowed, no caller ID, failover or inbound number.
 */
public record TrunkSpec(String name, String type, Integer group, String peer, String presentation, String callerId,
                        String failover, String inboundNumber, String description) {

    /**
     * The trunk this describes; the group of a sip-peer trunk is ignored (it has none).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public Trunk toTrunk() {
        TrunkType t = TrunkType.parse(Fields.or(type, "dahdi"));
        return new Trunk(Fields.or(name, ""), t, t == TrunkType.DAHDI ? (group == null ? 1 : group) : 0,
                Fields.optional(peer).map(Trunk.Peer::parse),
                Presentation.parse(Fields.or(presentation, "allowed")), Fields.optional(callerId),
                Fields.optional(failover), Fields.optional(inboundNumber), Fields.or(description, ""));
    }

    /** The settings of {@code trunk}, as a form shows them. */
    public static TrunkSpec of(Trunk trunk) {
        return new TrunkSpec(trunk.name(), trunk.type().label(), trunk.group(),
                trunk.peer().map(Trunk.Peer::toString).orElse(""), trunk.presentation().label(),
                trunk.callerId().orElse(""), trunk.failover().orElse(""), trunk.inboundNumber().orElse(""),
                trunk.description());
    }
}
