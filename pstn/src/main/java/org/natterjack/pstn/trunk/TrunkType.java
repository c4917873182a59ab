package org.natterjack.pstn.trunk;

import java.util.Arrays;
import java.util.Locale;

/** How Asterisk reaches a trunk's telephone line. */
public enum TrunkType {
    /** Channels of a telephony card (T1/E1 PRI, analog FXO), dialled as a DAHDI group. */
    DAHDI("dahdi"),
    /**
     * A SIP peer behind Asterisk standing in for the telephone network. For tests and labs without cards;
     * real SIP carriers are reached with {@code hop:} routes, not through Asterisk.
     */
    SIP_PEER("sip-peer");

    private final String label;

    TrunkType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static TrunkType parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("trunk type '" + text + "' is not dahdi or sip-peer"));
    }
}
