package org.natterjack.sip.transport.parse;

/** The header fields with a fast reader, by their full and compact names (case-insensitive). */
enum HeaderName {
    VIA("via", "v"), FROM("from", "f"), TO("to", "t"), CALL_ID("call-id", "i"), CSEQ("cseq", null),
    MAX_FORWARDS("max-forwards", null), CONTENT_LENGTH("content-length", "l"), CONTACT("contact", "m"),
    ROUTE("route", null), RECORD_ROUTE("record-route", null), AUTHORIZATION("authorization", null),
    PROXY_AUTHORIZATION("proxy-authorization", null), WWW_AUTHENTICATE("www-authenticate", null),
    PROXY_AUTHENTICATE("proxy-authenticate", null), OTHER(null, null);

    private static final HeaderName[] KNOWN = {VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTENT_LENGTH,
        CONTACT, ROUTE, RECORD_ROUTE, AUTHORIZATION, PROXY_AUTHORIZATION, WWW_AUTHENTICATE, PROXY_AUTHENTICATE};

    private static final int LONGEST = PROXY_AUTHORIZATION.full.length();

    private final String full;
    private final String compact;

    HeaderName(String full, String compact) {
        this.full = full;
        this.compact = compact;
    }

    /** The name that {@code field} starts with, {@code length} characters long. */
    static HeaderName of(String field, int length) {
        if (length > LONGEST) {
            return OTHER;
        }
        for (HeaderName name : KNOWN) {
            if (name.is(name.full, field, length) || name.is(name.compact, field, length)) {
                return name;
            }
        }
        return OTHER;
    }

    private boolean is(String candidate, String field, int length) {
        return candidate != null && candidate.length() == length
                && Character.toLowerCase(field.charAt(0)) == candidate.charAt(0)
                && field.regionMatches(true, 0, candidate, 0, length);
    }
}
