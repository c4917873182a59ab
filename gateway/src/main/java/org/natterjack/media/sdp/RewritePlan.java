package org.natterjack.media.sdp;

import java.net.InetAddress;
import java.util.List;

/**
 * How to rewrite one SDP body for the party that will receive it.
 *
 * @param address the relay address that party sends media to (the advertised address of the relay
 *     interface facing it); replaces every {@code c=} address that is not a hold address, the {@code o=}
 *     address and any {@code a=rtcp} address
 * @param streams one instruction per media description, in order
 * @param markAnchored add the session-level {@link SdpRewriter#ANCHORED} attribute so that a second
 *     Natterjack on the path sees the media is already relayed
 */
public record RewritePlan(InetAddress address, List<StreamRewrite> streams, boolean markAnchored) {

    public RewritePlan {
        if (address == null || address.isAnyLocalAddress()) {
            throw new IllegalArgumentException("the relay address must be a concrete address");
        }
        streams = List.copyOf(streams);
    }
}
