package org.natterjack.sip.transport.parse;

import gov.nist.javax.sip.header.RequestLine;
import gov.nist.javax.sip.header.StatusLine;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;

/**
 * The request line and the status line as the RI's {@code RequestLineParser} and {@code StatusLineParser}
 * read them, in their common shape only: single spaces between the parts and the version {@code SIP/2.0}
 * exactly (any other version goes to the RI, and GuardedMessageParser restores it afterwards), a sip: or
 * sips: Request-URI. Everything else is left to the RI, which also reports failures to the listener.
 */
final class FirstLineReader {

    private static final String VERSION = "SIP/2.0";

    private FirstLineReader() {
    }

    /** The message started by this line, or null when the RI must read it. */
    static SIPMessage read(String line) {
        if (!HeaderText.plain(line)) {
            return null;
        }
        try {
            // The RI takes a line for a status line exactly when it starts with SIP/2.0.
            return line.startsWith(VERSION) ? response(line) : request(line);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static SIPResponse response(String line) {
        HeaderText in = new HeaderText(line, VERSION.length());
        in.expect(' ');
        StatusLine statusLine = new StatusLine();
        statusLine.setSipVersion(VERSION);
        statusLine.setStatusCode(Integer.parseInt(in.digits(3)));
        if (HeaderText.isDigit(in.peek())) {
            throw NotCertain.INSTANCE;
        }
        // The RI takes the rest of the line, trimmed, whatever follows the code.
        statusLine.setReasonPhrase(in.rest().trim());
        SIPResponse response = new SIPResponse();
        response.setStatusLine(statusLine);
        return response;
    }

    private static SIPRequest request(String line) {
        HeaderText in = new HeaderText(line, 0);
        String method = in.token();
        if (method.equalsIgnoreCase("SIP") || method.equalsIgnoreCase("SIPS")) {
            throw NotCertain.INSTANCE; // keywords of the RI's method lexer, which it refuses
        }
        in.expect(' ');
        RequestLine requestLine = new RequestLine();
        requestLine.setMethod(method);
        requestLine.setUri(SipUriReader.read(in, true));
        in.expect(' ');
        if (!line.regionMatches(in.pos(), VERSION, 0, VERSION.length()) || line.length() != in.pos() + VERSION.length()) {
            throw NotCertain.INSTANCE;
        }
        requestLine.setSipVersion(VERSION);
        SIPRequest request = new SIPRequest();
        request.setRequestLine(requestLine);
        return request;
    }
}
