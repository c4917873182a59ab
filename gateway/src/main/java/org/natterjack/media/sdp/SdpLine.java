package org.natterjack.media.sdp;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of an SDP body exactly as received: its text without the line terminator, and the terminator
 * itself ({@code "\r\n"}, {@code "\n"}, {@code "\r"} or {@code ""} for a last line without one), so a body
 * is written back byte for byte. A blank line has empty text.
 */
public record SdpLine(String text, String eol) {

    private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \t]+");

    /** The space-separated fields of a line's value (compiled once: this runs for every offer and answer). */
    static String[] fields(String value) {
        return FIELD_SEPARATOR.split(value.trim());
    }


    public SdpLine {
        if (text == null || eol == null) {
            throw new IllegalArgumentException("an SDP line needs text and a terminator (may be empty)");
        }
    }

    public boolean isBlank() {
        return text.isBlank();
    }

    /** The type letter ({@code 'v'}, {@code 'm'}, {@code 'a'} ...), or a space for a blank line. */
    public char type() {
        return text.length() >= 2 && text.charAt(1) == '=' ? text.charAt(0) : ' ';
    }

    /** Everything after {@code "x="}. */
    public String value() {
        return text.length() >= 2 ? text.substring(2) : "";
    }

    /** The attribute name of an {@code a=} line ({@code "rtcp"} for {@code a=rtcp:5005}), else empty. */
    public String attributeName() {
        if (type() != 'a') {
            return "";
        }
        String v = value();
        int colon = v.indexOf(':');
        return (colon < 0 ? v : v.substring(0, colon)).trim();
    }

    /** True for an {@code a=} line of this name; names compare ignoring case, as real agents vary. */
    public boolean isAttribute(String name) {
        return type() == 'a' && attributeName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }

    /** The value after the colon of an {@code a=name:value} line; empty for a flag attribute. */
    public Optional<String> attributeValue() {
        String v = value();
        int colon = v.indexOf(':');
        return type() == 'a' && colon >= 0 ? Optional.of(v.substring(colon + 1).trim()) : Optional.empty();
    }

    /** The same text with another terminator. */
    SdpLine withEol(String newEol) {
        return new SdpLine(text, newEol);
    }

    /** The same line with new text and the original terminator. */
    public SdpLine withText(String newText) {
        return new SdpLine(newText, eol);
    }
}
