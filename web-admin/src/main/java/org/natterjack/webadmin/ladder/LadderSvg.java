package org.natterjack.webadmin.ladder;

import java.util.List;
import java.util.Locale;
import org.natterjack.capture.Ladder;

/**
 * Draws a {@link Ladder} as SVG on the server: a column per party with its lifeline, an arrow per message with
 * its request method or status, the time since the first message on the left. Each arrow links to
 * {@code #msg-N}, the message's text on the same page.
 */
public final class LadderSvg {

    private static final int COLUMN = 230;
    private static final int MARGIN = 140;
    private static final int TOP = 64;
    private static final int ROW = 30;

    private LadderSvg() {
    }

    public static String render(Ladder ladder) {
        List<Ladder.Party> parties = ladder.parties();
        int width = 2 * MARGIN + COLUMN * Math.max(1, parties.size() - 1);
        int height = TOP + ROW * (ladder.arrows().size() + 1);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ladder\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                        + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/>"
                        + "</marker></defs>\n");
        for (int i = 0; i < parties.size(); i++) {
            int x = x(i);
            Ladder.Party p = parties.get(i);
            svg.append("<g class=\"party\"><text x=\"").append(x).append("\" y=\"18\" text-anchor=\"middle\""
                    + " font-weight=\"bold\">").append(escape(p.name())).append("</text><text x=\"").append(x)
                    .append("\" y=\"34\" text-anchor=\"middle\" fill=\"#555\">").append(escape(p.address()))
                    .append("</text><line x1=\"").append(x).append("\" y1=\"44\" x2=\"").append(x)
                    .append("\" y2=\"").append(height - 8).append("\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>"
                            + "</g>\n");
        }
        for (int i = 0; i < ladder.arrows().size(); i++) {
            Ladder.Arrow a = ladder.arrows().get(i);
            int y = TOP + ROW * i;
            int x1 = x(a.from());
            int x2 = a.to() == a.from() ? x1 + 40 : x(a.to());
            String color = color(a.label());
            svg.append("<a href=\"#msg-").append(i).append("\" class=\"arrow\"><title>")
                    .append(escape(a.message().firstLine())).append("</title><text x=\"6\" y=\"").append(y + 4)
                    .append("\" fill=\"#555\">+").append(String.format(Locale.ROOT, "%.3f", a.after().toNanos() / 1e9))
                    .append(" s</text><line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(x2).append("\" y2=\"").append(y).append("\" stroke=\"").append(color)
                    .append("\" stroke-width=\"2\" marker-end=\"url(#head)\"/><text x=\"").append((x1 + x2) / 2)
                    .append("\" y=\"").append(y - 5).append("\" text-anchor=\"middle\" fill=\"").append(color)
                    .append("\">").append(escape(a.label())).append("</text></a>\n");
        }
        return svg.append("</svg>").toString();
    }

    private static int x(int column) {
        return MARGIN + COLUMN * column;
    }

    /** Requests blue, provisional responses grey, success green, failures red. */
    private static String color(String label) {
        if (label.isEmpty() || !Character.isDigit(label.charAt(0))) {
            return "#1f5fbf";
        }
        return switch (label.charAt(0)) {
            case '1' -> "#777";
            case '2' -> "#2a8a2a";
            default -> "#c0392b";
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
