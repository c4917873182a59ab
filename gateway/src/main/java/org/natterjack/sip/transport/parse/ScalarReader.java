package org.natterjack.sip.transport.parse;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.MaxForwards;
import java.text.ParseException;
import javax.sip.InvalidArgumentException;

/**
 * The single-valued headers as the RI reads them: Call-ID (the rest of the field), CSeq, Max-Forwards
 * and Content-Length. The RI's setters check the ranges, so values it refuses are refused here too.
 */
final class ScalarReader {

    private ScalarReader() {
    }

    static CallID callId(HeaderText in) throws ParseException {
        CallID callId = new CallID();
        callId.setCallId(in.rest().trim());
        return callId;
    }

    static CSeq cseq(HeaderText in) throws ParseException, InvalidArgumentException {
        CSeq cseq = new CSeq();
        cseq.setSeqNumber(Long.parseLong(in.digits(18)));
        in.skipSpaces();
        cseq.setMethod(method(in)); // setMethod maps it to the RI's own constant
        in.skipSpaces();
        in.expectEnd();
        return cseq;
    }

    static MaxForwards maxForwards(HeaderText in) throws InvalidArgumentException {
        MaxForwards maxForwards = new MaxForwards();
        maxForwards.setMaxForwards(Integer.parseInt(in.digits(9)));
        in.skipSpaces();
        in.expectEnd();
        return maxForwards;
    }

    static ContentLength contentLength(HeaderText in) throws InvalidArgumentException {
        ContentLength contentLength = new ContentLength();
        contentLength.setContentLength(Integer.parseInt(in.digits(9)));
        in.skipSpaces();
        in.expectEnd();
        return contentLength;
    }

    /**
     * The RI refuses a method that happens to be one of its header-name keywords, so only the methods
     * of RFC 3261 and its extensions, in capitals, are read here.
     */
    private static String method(HeaderText in) {
        String method = in.token();
        return switch (method) {
            case "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY",
                 "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE" -> method;
            default -> throw NotCertain.INSTANCE;
        };
    }
}
