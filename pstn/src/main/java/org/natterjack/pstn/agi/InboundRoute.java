package org.natterjack.pstn.agi;

/** Where a call from the telephone network goes, as the FastAGI script tells the dialplan. */
public sealed interface InboundRoute {

    /** To the gateway with {@code number} as dialled: the gateway routes it like any call (users, hops). */
    record ToGateway(String number) implements InboundRoute {
    }

    /** Straight out again on another trunk, with the rule's number manipulation applied. */
    record ToTrunk(String trunk, String number) implements InboundRoute {
    }

    /** Refused with a Q.850 cause. */
    record Reject(int cause, String why) implements InboundRoute {
    }
}
