package org.natterjack.media.relay;

/** What became of an offer or answer handed to a {@link RelaySession}. */
public sealed interface SdpOutcome {

    /** The body to forward instead of the original (same Content-Type, new Content-Length). */
    record Rewritten(byte[] body) implements SdpOutcome {
    }

    /**
     * The SDP cannot be relayed. For a request (INVITE, re-INVITE, UPDATE) answer with {@code status} and
     * {@code reason}: 400 malformed SDP, 488 unusable SDP, 503 relay ports exhausted, 500 session closed.
     * For a response carrying the SDP the caller must end the call itself.
     */
    record Rejected(int status, String reason) implements SdpOutcome {
    }
}
