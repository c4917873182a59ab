package org.natterjack.cdr;

import java.util.Optional;

/**
 * What the relay measured of a call when its session closed: where it latched each party's media and, for the
 * call's audio stream (or its first stream), what each party sent.
 *
 * @param callerLatched the caller's media source as {@code address:port}, if the relay latched one
 * @param audio empty when no stream was set up
 */
public record RelayedMedia(Optional<String> callerLatched, Optional<String> calleeLatched,
                           Optional<Audio> audio) {

    /** The two parties of the audio stream. */
    public record Audio(Party caller, Party callee) {
    }

    /**
     * One party of the audio stream.
     *
     * @param packets RTP packets the relay received from it
     * @param lost packets its sequence numbers say never arrived
     * @param jitterMillis the interarrival jitter of its packets at the relay
     * @param reportedLost the cumulative loss it reported in RTCP for what it received, if it sent reports
     * @param reportedJitterMillis the jitter it reported, if known
     */
    public record Party(long packets, long lost, double jitterMillis, Optional<Integer> reportedLost,
                        Optional<Double> reportedJitterMillis) {
    }
}
