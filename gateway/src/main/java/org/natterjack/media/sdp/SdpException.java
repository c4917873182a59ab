package org.natterjack.media.sdp;

/**
 * An SDP body the gateway cannot use, with the SIP status the offer or answer should be refused with:
 * 400 for a body that is not well-formed SDP, 488 for well-formed SDP the relay cannot serve (multicast,
 * a network type other than IN, too many streams).
 *
 * <p>Parsing and rewriting never throw anything else for any input; callers map this to a response.
 */
public final class SdpException extends Exception {

    private final int status;

    private SdpException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** Not well-formed SDP: answer 400. */
    public static SdpException malformed(String reason) {
        return new SdpException(400, "Malformed SDP: " + reason);
    }

    /** Well-formed but unusable here: answer 488 Not Acceptable Here. */
    public static SdpException notAcceptable(String reason) {
        return new SdpException(488, reason);
    }

    /** The SIP status code to answer with (400 or 488). */
    public int status() {
        return status;
    }

    /** A reason phrase for the response, safe to send (no input is echoed beyond a short excerpt). */
    public String reason() {
        return getMessage();
    }
}
