package org.natterjack.cdr;

import java.util.Optional;

/**
 * The NAT and media facts of a call.
 *
 * @param callerNated the caller is behind NAT (after its NAT policy)
 * @param calleeNated a callee rung is behind NAT
 * @param relayed the gateway's relay anchored the media
 * @param callerLatched the address the relay latched to for the caller's media, if any
 * @param calleeLatched the same for the callee
 * @param quality what the relay measured of the audio; empty when it did not relay or no stream was set up
 */
public record CallMedia(boolean callerNated, boolean calleeNated, boolean relayed, Optional<String> callerLatched,
                        Optional<String> calleeLatched, Optional<VoiceQuality> quality) {

    public static CallMedia direct(boolean callerNated, boolean calleeNated) {
        return new CallMedia(callerNated, calleeNated, false, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
