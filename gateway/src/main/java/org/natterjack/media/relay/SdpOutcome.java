package org.natterjack.media.relay;

/** What became of an offer or answer handed to a {@link RelaySession}. */
public sealed interface SdpOutcome {

    /** The body to forward instead of the original (same Content-Type, new Content-Length). */
    record Rewritten(byte[] body) implements SdpOutcome {
    }

    /**
     * The SDP cannot be relayed. For a request (INVITE, re-INVITE, UPDATE) answer with {@code status} and
     * {@code reason}: 400 malformed SDP; 488 unusable SDP (multicast, too many streams, an answer that does
     * not fit the offer, a session already closed); 503 relay ports exhausted; 500 relay failure (sockets
     * could not be opened). For a response or ACK carrying the SDP there is nobody to answer: the proxy
     * must end the call (CANCEL/BYE) itself. The session keeps its previous state either way.
     */
    record Rejected(int status, String reason) implements SdpOutcome {
    }
}
