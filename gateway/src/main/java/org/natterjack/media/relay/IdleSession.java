package org.natterjack.media.relay;

import java.time.Duration;

/** An answered call whose media has been silent longer than the timeout: end it with BYE to both sides. */
public record IdleSession(String callId, Duration idle, boolean onHold) {
}
