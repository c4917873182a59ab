package org.natterjack.pstn.trunk;

import java.util.Arrays;
import java.util.Locale;

/** Whether the called party sees the caller's number (the calling line identity presentation). */
public enum Presentation {
    ALLOWED("allowed", "allowed_not_screened"),
    RESTRICTED("restricted", "prohib_not_screened");

    private final String label;
    private final String asterisk;

    Presentation(String label, String asterisk) {
        this.label = label;
        this.asterisk = asterisk;
    }

    public String label() {
        return label;
    }

    /** The value of Asterisk's {@code CALLERID(num-pres)}. */
    public String asteriskValue() {
        return asterisk;
    }

    public static Presentation parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("presentation '" + text
                        + "' is not allowed or restricted"));
    }
}
