package org.natterjack.pstn.api;

import java.util.List;

/**
 * Whether a trunk can take calls now and, if not, why; with the state of each of its spans.
 *
 * @param type {@code DAHDI} or {@code SIP_PEER}
 */
public record TrunkInfo(String name, String type, boolean available, String reason, List<SpanInfo> spans) {

    public TrunkInfo {
        spans = List.copyOf(spans);
    }
}
