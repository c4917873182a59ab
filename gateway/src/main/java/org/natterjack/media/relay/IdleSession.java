package org.natterjack.media.relay;

import java.time.Duration;

/**
 * A session the relay considers dead.
 *
 * @param answered true: an answered call whose media has been silent longer than the media (or hold)
 *     timeout; end it with BYE to both parties. False: a session never confirmed that has seen neither
 *     signalling nor media for {@link MediaRelay#UNANSWERED_LIMIT} (its INVITE failed or was cancelled and
 *     nobody closed it); just close it.
 */
public record IdleSession(String callId, Duration idle, boolean onHold, boolean answered) {
}
