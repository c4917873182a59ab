package org.natterjack.pstn.calls;

import java.time.Instant;
import java.util.Optional;

/**
 * An Asterisk channel as AMI reported it: one leg of a call.
 *
 * @param linkedId the id shared by every channel of one call (the first channel's unique id)
 * @param trunk the trunk this leg runs on, if it is a PSTN leg
 */
public record PstnChannel(String uniqueId, String name, String linkedId, String context, String exten,
                          String callerNumber, String state, Instant created, Optional<String> trunk) {
}
