package org.natterjack.sip.transport.parse;

import gov.nist.javax.sip.header.AuthenticationHeader;

/**
 * Authorization, Proxy-Authorization, WWW-Authenticate and Proxy-Authenticate as the RI's
 * {@code ChallengeParser} reads them: a scheme token, then comma-separated {@code name[=token]} or
 * {@code name="quoted"} parameters. The parser sets each parameter as written, so a value is quoted
 * exactly when it was (the quoting rules of {@code AuthenticationHeader.setParameter(String, String)}
 * apply only to values set by name, not here). Values the RI reads otherwise ({@code [}, an unterminated
 * quote) stay with the RI.
 */
final class ChallengeReader {

    private ChallengeReader() {
    }

    static <H extends AuthenticationHeader> H read(HeaderText in, H header) {
        header.setScheme(in.token());
        in.skipSpaces();
        while (!in.atEnd()) {
            header.setParameter(AddressReader.parameter(in));
            in.skipSpaces();
            if (in.atEnd()) {
                break; // the RI accepts a trailing comma, too
            }
            in.expect(',');
            in.skipSpaces();
        }
        return header;
    }
}
