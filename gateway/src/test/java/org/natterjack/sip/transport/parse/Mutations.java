package org.natterjack.sip.transport.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Variations of header fields, from a seeded {@link Random}: name case and compact forms, spaces and tabs
 * around separators, quoted display names with escapes, parameters with and without values, IPv6
 * references, ports at the edges, missing and doubled parts, odd characters and control bytes; and every
 * truncation of a field.
 */
final class Mutations {

    private static final String[][] NAMES = {{"Via", "v"}, {"From", "f"}, {"To", "t"}, {"Call-ID", "i"},
        {"Contact", "m"}, {"Content-Length", "l"}, {"CSeq", "CSEQ"}, {"Max-Forwards", "max-forwards"},
        {"Route", "ROUTE"}, {"Record-Route", "record-route"}, {"Authorization", "authorization"},
        {"Proxy-Authorization", "PROXY-AUTHORIZATION"}, {"WWW-Authenticate", "www-authenticate"},
        {"Proxy-Authenticate", "proxy-Authenticate"}};
    private static final String SEPARATORS = ":;,=<>/@\" ";
    private static final String ODD = "\t \"\\[]<>@:;,=?&%*/()+~'`!_.-#$\u0000\u0001\u001f\u007f\u00e9\u00ff\u4e2d0aZ";
    private static final String[] PIECES = {";lr", ";x", ";x=y", ";x=\"q \\\" s\"", ";rport", ";rport=0",
        ";received=203.0.113.9", ";received=2001:db8::9", ";maddr=239.0.0.1", ";ttl=16", ";branch=z9hG4bKx",
        ";branch", ";tag=ab-C.d", ";expires=0", ";q=0.7", ";+sip.instance=\"<urn:uuid:1-2-3>\"", ";reg-id=1", ";ob",
        ";transport=TCP", ";user=phone", ", qop=auth", ",nc=00000001", ", realm=\"r\"", ", opaque=\"\"",
        ", stale=TRUE", ",,", ", x=[2001:db8::1]", "Digest ", "Basic ", ":5060", ":0", ":65535", ":65536", ":99999", ":4294967296",
        "[2001:db8::1]", "2001:db8::1", "[::1]:5060", "\"Bob \\\"B\\\"\" ", "Bob Smith ", "sips:", "tel:+1234",
        " , ", ",", ";;", "==", "<<", ">>", "::", "@@", "%41", "%4", "(comment)", "?h=v", "*", "SIP / 2.0 / UDP "};

    private final Random random;

    Mutations(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} variations of {@code field}, each from one to three changes. */
    List<String> of(String field, int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String mutated = field;
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                mutated = change(mutated);
            }
            out.add(mutated);
        }
        return out;
    }

    /** The field cut after each of its characters, as the value of the same header. */
    static List<String> truncations(String field) {
        List<String> out = new ArrayList<>();
        for (int end = 1; end < field.length(); end++) {
            out.add(field.substring(0, end));
        }
        return out;
    }

    private String change(String field) {
        if (field.isEmpty()) {
            return "Via: " + field;
        }
        int at = random.nextInt(field.length() + 1);
        return switch (random.nextInt(10)) {
            case 0 -> renamed(field);
            case 1 -> spacedSeparator(field);
            case 2 -> field.substring(0, at) + PIECES[random.nextInt(PIECES.length)] + field.substring(at);
            case 3 -> at < field.length() ? field.substring(0, at) + field.substring(at + 1) : field;
            case 4 -> field.substring(0, at) + ODD.charAt(random.nextInt(ODD.length())) + field.substring(at);
            case 5 -> doubledSeparator(field);
            case 6 -> field.replaceFirst(":\\d+", PIECES[20 + random.nextInt(6)]);
            case 7 -> field.replaceFirst("(?<=[@ /])\\d+\\.\\d+\\.\\d+\\.\\d+", PIECES[26 + random.nextInt(3)]);
            case 8 -> field + PIECES[random.nextInt(PIECES.length)];
            default -> randomCase(field);
        };
    }

    private String renamed(String field) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return field;
        }
        String[] pair = NAMES[random.nextInt(NAMES.length)];
        String name = field.substring(0, colon).strip();
        for (String[] p : NAMES) {
            if (p[0].equalsIgnoreCase(name) || p[1].equalsIgnoreCase(name)) {
                pair = p;
            }
        }
        return randomCase(pair[random.nextInt(2)]) + field.substring(colon);
    }

    private String randomCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }

    private String spacedSeparator(String field) {
        int at = separatorIndex(field);
        if (at < 0) {
            return field;
        }
        String before = random.nextBoolean() ? "" : (random.nextBoolean() ? " " : "\t");
        String after = random.nextBoolean() ? " " : (random.nextBoolean() ? "\t " : "  ");
        return field.substring(0, at) + before + field.charAt(at) + after + field.substring(at + 1);
    }

    private String doubledSeparator(String field) {
        int at = separatorIndex(field);
        return at < 0 ? field : field.substring(0, at + 1) + field.substring(at);
    }

    private int separatorIndex(String field) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < field.length(); i++) {
            if (SEPARATORS.indexOf(field.charAt(i)) >= 0) {
                found.add(i);
            }
        }
        return found.isEmpty() ? -1 : found.get(random.nextInt(found.size()));
    }
}
