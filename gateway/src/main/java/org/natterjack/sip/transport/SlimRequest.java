package org.natterjack.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.header.Header;

/**
 * What an answered INVITE's transaction still reads of its request, for the seconds it lingers in the RI's
 * tables: the request line, the top Via (matching, the ACK table), From, To, Call-ID and CSeq (dialog and merge
 * ids, RFC 2543 matching). It shares the RI's header objects with the full request, which can then be collected;
 * the body, the Contact and the other Vias and headers go with it.
 */
final class SlimRequest {

    private SlimRequest() {
    }

    static SIPRequest of(SIPRequest full) {
        SIPRequest slim = new SIPRequest();
        slim.setRequestLine(full.getRequestLine());
        keep(slim, full.getTopmostVia());
        keep(slim, full.getFrom());
        keep(slim, full.getTo());
        keep(slim, full.getCallId());
        keep(slim, full.getCSeq());
        return slim;
    }

    private static void keep(SIPRequest slim, Header header) {
        if (header != null) {
            slim.setHeader(header);
        }
    }
}
