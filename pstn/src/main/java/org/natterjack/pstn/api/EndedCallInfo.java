package org.natterjack.pstn.api;

import java.time.Instant;

/** A call that is over, with the Q.850 cause its calling side got (16: normal clearing, 17: busy, ...). */
public record EndedCallInfo(CallInfo call, Instant ended, int cause, String causeText) {
}
