package org.natterjack.sip.transport.parse;

/**
 * A cursor over one header field (name, colon and value, end-of-line whitespace already removed, as
 * {@code StringMsgParser} hands it over) with the RI lexer's character classes. Past the end it reads
 * {@code '\n'}, the line feed the RI appends before lexing, so the readers can follow the RI's grammar
 * step by step. One per header, on the parsing thread.
 */
final class HeaderText {

    static final char END = '\n';
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            TOKEN[c] = isAlphaDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0;
        }
    }

    private final String text;
    private int pos;

    HeaderText(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /**
     * Whether every character is printable ASCII or a tab: the RI treats control characters ({@code \0}
     * ends its buffer) and non-ASCII letters in ways not worth reproducing.
     */
    static boolean plain(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    int pos() {
        return pos;
    }

    void rewind(int to) {
        pos = to;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return peek(0);
    }

    char peek(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : END;
    }

    void skip(int count) {
        pos += count;
    }

    String slice(int from) {
        return text.substring(from, pos);
    }

    /** The rest of the field from the cursor, without the appended line feed. */
    String rest() {
        return text.substring(Math.min(pos, text.length()));
    }

    /** The RI's {@code SPorHT}: spaces and tabs only. */
    void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    void expect(char c) {
        if (peek() != c) {
            throw NotCertain.INSTANCE;
        }
        pos++;
    }

    /** Fails unless only the end of the field is left. */
    void expectEnd() {
        if (!atEnd()) {
            throw NotCertain.INSTANCE;
        }
    }

    /** A non-empty RFC 3261 token, as the RI's {@code match(ID)} reads it. */
    String token() {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw NotCertain.INSTANCE;
        }
        return text.substring(start, pos);
    }

    /** A run of 1 to {@code maxDigits} decimal digits (longer runs could overflow where the RI's would). */
    String digits(int maxDigits) {
        int start = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start || pos - start > maxDigits) {
            throw NotCertain.INSTANCE;
        }
        return text.substring(start, pos);
    }

    /**
     * The content of a quoted string, escapes kept as written (the RI's {@code quotedString}); the cursor
     * must be on the opening quote.
     */
    String quoted() {
        expect('"');
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return text.substring(start, pos - 1);
            }
            pos += c == '\\' ? 2 : 1;
        }
        throw NotCertain.INSTANCE;
    }

    /** Whether {@code word} follows, ignoring case, and then {@code next}. */
    boolean startsWithIgnoreCase(String word, char next) {
        return text.regionMatches(true, pos, word, 0, word.length()) && peek(word.length()) == next;
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN[c];
    }

    static boolean isAlphaDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
