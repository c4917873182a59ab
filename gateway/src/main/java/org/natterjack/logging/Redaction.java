package org.natterjack.logging;

import java.util.regex.Pattern;

/**
 * Masks what looks like a secret in a log message: a {@code token=} parameter (the one-time setup link), an
 * API token ({@code nj_...}), and the value after "password", "secret" or "passwd" with {@code :} or
 * {@code =}. Nothing should log secrets; this is the second line of defence for the log viewer.
 */
final class Redaction {

    private static final Pattern TOKEN_PARAMETER = Pattern.compile("(?i)(token=)[^\\s&\"']+");
    private static final Pattern API_TOKEN = Pattern.compile("\\bnj_[A-Za-z0-9_-]+");
    private static final Pattern NAMED_SECRET =
            Pattern.compile("(?i)\\b(password|passwd|secret)(\\s*[:=]\\s*)[^\\s,;&\"']+");
    static final String MASK = "***";

    private Redaction() {
    }

    static String mask(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String masked = TOKEN_PARAMETER.matcher(message).replaceAll("$1" + MASK);
        masked = API_TOKEN.matcher(masked).replaceAll("nj_" + MASK);
        return NAMED_SECRET.matcher(masked).replaceAll("$1$2" + MASK);
    }
}
