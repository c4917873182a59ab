package org.natterjack.pstn.status;

/** One ISDN span in answer to PRIShowSpans: whether its D-channel is up. */
public record PriPoll(int span, boolean up) {
}
