package org.natterjack.pstn.trunk;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A DAHDI span (a T1/E1 port, or a card's analog ports) and the trunk its channels serve. DAHDI numbers
 * channels across all spans, so each span owns a range of them.
 *
 * @param number the span number DAHDI gave the port (see {@code dahdi_scan})
 * @param firstChannel the first of its {@code channels} channel numbers
 * @param timing 0: never take the clock from this span; 1 and up: preference as clock source
 * @param lbo line build-out, 0-7 (0 for E1 and short T1 runs)
 * @param framing ccs/cas (E1), esf/d4 (T1); empty for analog ports
 * @param coding hdb3/ami (E1), b8zs/ami (T1); empty for analog ports
 * @param crc4 CRC-4 multiframe (E1 only)
 * @param switchtype the ISDN dialect (digital spans)
 * @param echoCanceller DAHDI echo canceller module, or {@code none}
 */
public record Span(int number, String trunk, LineType type, int firstChannel, int channels, int timing, int lbo,
                   String framing, String coding, boolean crc4, String signalling, String switchtype,
                   String echoCanceller) {

    private static final Set<String> SERVICE_MESSAGE_SWITCHTYPES = Set.of("national", "4ess", "5ess");

    public Span {
        check(number >= 1 && number <= 128, "span number " + number + " is outside 1-128");
        check(firstChannel >= 1, "first channel must be 1 or more");
        check(type.isDigital() ? channels == type.channels() : channels >= 1 && channels <= 48,
                type.isDigital() ? type.label() + " spans have " + type.channels() + " channels"
                        : "an analog span has 1-48 ports");
        check(timing >= 0 && timing <= 128, "timing " + timing + " is outside 0-128");
        check(lbo >= 0 && lbo <= 7, "line build-out " + lbo + " is outside 0-7");
        check(type.isDigital() ? type.framings().contains(framing) : framing.isEmpty(),
                "framing '" + framing + "' does not fit " + type.label() + " (" + type.framings() + ")");
        check(type.isDigital() ? type.codings().contains(coding) : coding.isEmpty(),
                "coding '" + coding + "' does not fit " + type.label() + " (" + type.codings() + ")");
        check(!crc4 || type == LineType.E1, "CRC-4 is an E1 option");
        check(type.signallings().contains(signalling),
                "signalling '" + signalling + "' does not fit " + type.label() + " (" + type.signallings() + ")");
        check(type.isDigital() ? LineType.SWITCH_TYPES.contains(switchtype) : switchtype.isEmpty(),
                "switch type '" + switchtype + "' is not one of " + LineType.SWITCH_TYPES);
        check(echoCanceller.matches("[a-z0-9_]{1,20}"), "echo canceller '" + echoCanceller + "' is not a module name");
    }

    /**
     * Whether DAHDI's system.conf describes {@code other} as this span: everything but the trunk and the ISDN
     * dialect, which are chan_dahdi's alone.
     */
    public boolean sameLayout(Span other) {
        return number == other.number && type == other.type && firstChannel == other.firstChannel
                && channels == other.channels && timing == other.timing && lbo == other.lbo
                && framing.equals(other.framing) && coding.equals(other.coding) && crc4 == other.crc4
                && signalling.equals(other.signalling) && echoCanceller.equals(other.echoCanceller);
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    public int lastChannel() {
        return firstChannel + channels - 1;
    }

    /** The ISDN signalling channel of a digital span. */
    public OptionalInt dchannel() {
        return type.isDigital() ? OptionalInt.of(firstChannel + type.dchannel() - 1) : OptionalInt.empty();
    }

    /** The channels that carry calls, as DAHDI writes ranges: {@code 1-15,17-31}. */
    public String bearerChannels() {
        if (dchannel().isEmpty()) {
            return range(firstChannel, lastChannel());
        }
        int d = dchannel().getAsInt();
        String before = d > firstChannel ? range(firstChannel, d - 1) : "";
        String after = d < lastChannel() ? range(d + 1, lastChannel()) : "";
        return before.isEmpty() || after.isEmpty() ? before + after : before + "," + after;
    }

    /** The numbers of the channels that carry calls (every channel but the ISDN D-channel). */
    public List<Integer> bearers() {
        return IntStream.rangeClosed(firstChannel, lastChannel()).filter(c -> dchannel().orElse(0) != c).boxed()
                .toList();
    }

    /**
     * Whether chan_dahdi can take this span's channels out of service with ISDN SERVICE messages: only PRI
     * spans of the dialects libpri implements them for (4ESS, 5ESS, NI2, which chan_dahdi calls national).
     */
    public boolean hasServiceMessages() {
        return type.isDigital() && SERVICE_MESSAGE_SWITCHTYPES.contains(switchtype);
    }

    public boolean hasEchoCanceller() {
        return !echoCanceller.equals("none");
    }

    public boolean overlaps(Span other) {
        return firstChannel <= other.lastChannel() && other.firstChannel <= lastChannel();
    }

    private static String range(int first, int last) {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
