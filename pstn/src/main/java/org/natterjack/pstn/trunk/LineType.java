package org.natterjack.pstn.trunk;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The kind of telephone line on a DAHDI span, with the settings a line of that kind takes and their usual
 * defaults (ISDN PRI for E1 and T1; kewl-start loop signalling for analog ports).
 */
public enum LineType {
    E1("e1", 31, 16, Set.of("ccs", "cas"), Set.of("hdb3", "ami"), Set.of("pri_cpe", "pri_net"), "euroisdn"),
    T1("t1", 24, 24, Set.of("esf", "d4"), Set.of("b8zs", "ami"), Set.of("pri_cpe", "pri_net"), "national"),
    /** Analog ports facing the exchange (FXO); they signal as a phone would, hence FXS signalling. */
    FXO("fxo", 0, 0, Set.of(), Set.of(), Set.of("fxs_ks", "fxs_ls"), ""),
    /** Analog ports facing phones (FXS); they signal as an exchange would, hence FXO signalling. */
    FXS("fxs", 0, 0, Set.of(), Set.of(), Set.of("fxo_ks", "fxo_ls"), "");

    public static final Set<String> SWITCH_TYPES = Set.of("national", "ni1", "dms100", "4ess", "5ess", "euroisdn",
            "qsig");

    private final String label;
    private final int channels;
    private final int dchannel;
    private final Set<String> framings;
    private final Set<String> codings;
    private final Set<String> signallings;
    private final String switchtype;

    LineType(String label, int channels, int dchannel, Set<String> framings, Set<String> codings,
             Set<String> signallings, String switchtype) {
        this.label = label;
        this.channels = channels;
        this.dchannel = dchannel;
        this.framings = framings;
        this.codings = codings;
        this.signallings = signallings;
        this.switchtype = switchtype;
    }

    public String label() {
        return label;
    }

    public boolean isDigital() {
        return channels > 0;
    }

    /** Channels of a digital span (0 for analog ports, whose count is given per span). */
    public int channels() {
        return channels;
    }

    /** Position of the ISDN D-channel within a digital span, counted from 1. */
    public int dchannel() {
        return dchannel;
    }

    public Set<String> framings() {
        return framings;
    }

    public Set<String> codings() {
        return codings;
    }

    public Set<String> signallings() {
        return signallings;
    }

    public String defaultFraming() {
        return this == E1 ? "ccs" : this == T1 ? "esf" : "";
    }

    public String defaultCoding() {
        return this == E1 ? "hdb3" : this == T1 ? "b8zs" : "";
    }

    public String defaultSignalling() {
        return this == FXO ? "fxs_ks" : this == FXS ? "fxo_ks" : "pri_cpe";
    }

    public String defaultSwitchtype() {
        return switchtype;
    }

    public static LineType parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("line type '" + text + "' is not e1, t1, fxo or fxs"));
    }
}
