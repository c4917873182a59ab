package org.natterjack.pstn.status;

import java.util.List;
import org.natterjack.pstn.trunk.TrunkType;

/** Whether a trunk can take calls now and, if not, why; with the state of each of its spans. */
public record TrunkStatus(String name, TrunkType type, boolean available, String reason, List<SpanStatus> spans) {
}
