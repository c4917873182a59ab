package org.natterjack.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The messages of a sipp {@code -trace_msg} file, parsed just enough for assertions. */
record SipTrace(List<Message> messages) {

    private static final Pattern BLOCK = Pattern.compile(
            "^-{10,} (\\S+ \\S+)\\n(\\w+) message (sent|received)[^\\n]*\\n\\n", Pattern.MULTILINE);
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    record Message(boolean received, java.time.LocalDateTime at, String text) {
        String firstLine() {
            return text.lines().findFirst().orElse("");
        }

        int status() {
            String[] parts = firstLine().split(" ", 3);
            return parts[0].startsWith("SIP/") ? Integer.parseInt(parts[1]) : 0;
        }

        String reason() {
            String[] parts = firstLine().split(" ", 3);
            return parts.length > 2 ? parts[2] : "";
        }

        boolean isRequest(String method) {
            return firstLine().startsWith(method + " ");
        }

        /** Contact values, one per contact, whether sent as separate header lines or comma-separated. */
        List<String> contacts() {
            return headers("Contact").stream()
                    .flatMap(v -> java.util.Arrays.stream(v.split(",(?=\\s*<)")))
                    .map(String::trim).toList();
        }

        /** Values of every header line named {@code name} (case-insensitive). */
        /** Lines of the message (headers or body) that start with {@code prefix}, e.g. "m=audio ". */
        List<String> linesStartingWith(String prefix) {
            return text.lines().map(String::strip).filter(l -> l.startsWith(prefix)).toList();
        }

        List<String> headers(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return text.lines().takeWhile(l -> !l.isEmpty())
                    .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim()).toList();
        }
    }

    static SipTrace parse(String text) {
        List<Message> messages = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        int start = -1;
        boolean received = false;
        java.time.LocalDateTime at = null;
        while (m.find()) {
            if (start >= 0) {
                messages.add(new Message(received, at, text.substring(start, m.start()).strip()));
            }
            at = java.time.LocalDateTime.parse(m.group(1).replace('\t', ' '), STAMP);
            received = m.group(3).equals("received");
            start = m.end();
        }
        if (start >= 0) {
            messages.add(new Message(received, at, text.substring(start).strip()));
        }
        return new SipTrace(List.copyOf(messages));
    }

    List<Message> received() {
        return messages.stream().filter(Message::received).toList();
    }
}
