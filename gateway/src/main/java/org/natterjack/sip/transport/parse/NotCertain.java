package org.natterjack.sip.transport.parse;

/**
 * Thrown by the fast readers when a header takes a shape they do not reproduce with certainty; the header
 * then goes to the RI's own parser, which decides and reports errors to the listener as always.
 * One shared instance without a stack trace: it is control flow, and cheap.
 */
final class NotCertain extends RuntimeException {

    static final NotCertain INSTANCE = new NotCertain();

    private NotCertain() {
        super("handed back to the RI's parser", null, false, false);
    }
}
