package org.natterjack.upgrade.bundle;

import java.util.Comparator;

/**
 * Debian's version order ({@code deb-version(7)}, as {@code dpkg --compare-versions}): epoch, then upstream
 * version, then revision; within each, runs of non-digits compare character by character with {@code ~} before
 * everything (even the end), letters before other characters, and runs of digits compare as numbers.
 * {@code 0.1.0~20261205001500} (a snapshot) is therefore older than {@code 0.1.0}.
 */
public final class DebianVersion implements Comparable<DebianVersion> {

    public static final Comparator<String> ORDER = Comparator.comparing(DebianVersion::parse);

    private final long epoch;
    private final String upstream;
    private final String revision;
    private final String text;

    private DebianVersion(long epoch, String upstream, String revision, String text) {
        this.epoch = epoch;
        this.upstream = upstream;
        this.revision = revision;
        this.text = text;
    }

    /** @throws IllegalArgumentException if {@code text} is no Debian version */
    public static DebianVersion parse(String text) {
        String v = text.strip();
        if (v.isEmpty() || !v.matches("([0-9]+:)?[0-9A-Za-z.+~:-]+") || !Character.isDigit(v.charAt(v.indexOf(':') + 1))) {
            throw new IllegalArgumentException("'" + text + "' is not a Debian version");
        }
        int colon = v.indexOf(':');
        long epoch = colon < 0 ? 0 : Long.parseLong(v.substring(0, colon));
        String rest = v.substring(colon + 1);
        int dash = rest.lastIndexOf('-');
        String upstream = dash < 0 ? rest : rest.substring(0, dash);
        String revision = dash < 0 ? "" : rest.substring(dash + 1);
        return new DebianVersion(epoch, upstream, revision, v);
    }

    @Override
    public int compareTo(DebianVersion o) {
        int c = Long.compare(epoch, o.epoch);
        if (c == 0) {
            c = compareParts(upstream, o.upstream);
        }
        return c != 0 ? c : compareParts(revision, o.revision);
    }

    /** dpkg's verrevcmp. */
    private static int compareParts(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i)))
                    || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = i < a.length() ? order(a.charAt(i)) : 0;
                int bc = j < b.length() ? order(b.charAt(j)) : 0;
                if (ac != bc) {
                    return Integer.compare(ac, bc);
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return Integer.signum(firstDiff);
            }
        }
        return 0;
    }

    private static int order(char c) {
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        return c == '~' ? -1 : c + 256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DebianVersion d && compareTo(d) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epoch);
    }

    @Override
    public String toString() {
        return text;
    }
}
