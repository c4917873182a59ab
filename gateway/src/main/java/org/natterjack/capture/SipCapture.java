package org.natterjack.capture;

import java.util.List;

/** The captured SIP messages, for the web admin's ladders and pcap downloads. */
public interface SipCapture {

    /** With {@code capture.memory-mb: 0}: nothing is captured. */
    SipCapture OFF = new SipCapture() {
        @Override
        public List<CapturedMessage> ofCall(String callId) {
            return List.of();
        }

        @Override
        public CaptureRing.Usage usage() {
            return new CaptureRing.Usage(0, 0, 0, null);
        }
    };

    /** The messages of one call (or registration, or any exchange) by Call-ID, oldest first. */
    List<CapturedMessage> ofCall(String callId);

    CaptureRing.Usage usage();
}
