package org.natterjack.sip.transport.parse;

import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.Authorization;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.ProxyAuthenticate;
import gov.nist.javax.sip.header.ProxyAuthorization;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.WWWAuthenticate;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.function.Supplier;
import javax.sip.InvalidArgumentException;

/**
 * The RI's {@code StringMsgParser} with hand-written readers for the header fields every call carries
 * (Via, From, To, Call-ID, CSeq, Max-Forwards, Content-Length, Contact, Route, Record-Route), for the
 * digest fields (Authorization, Proxy-Authorization, WWW-Authenticate, Proxy-Authenticate) and for the
 * request and status lines. The RI
 * creates a parser per field by reflection and lexes through keyword tables; these readers build the
 * same RI header objects through the same setters, in one pass over the field.
 *
 * <p>A reader handles only shapes whose result it knows to be the RI's; anything else (a field it does
 * not know, an unusual form, an error) goes to {@code super.processHeader}, so the RI decides and reports
 * to the {@code ParseExceptionListener} exactly as before. {@code FastMessageParserDifferentialTest}
 * holds the two to the same results. Stateless: one instance serves every worker thread.
 */
public class FastMessageParser extends StringMsgParser {

    @Override
    protected SIPMessage processFirstLine(String firstLine, ParseExceptionListener listener, byte[] msgBuffer)
            throws ParseException {
        SIPMessage message = FirstLineReader.read(firstLine);
        return message != null ? message : super.processFirstLine(firstLine, listener, msgBuffer);
    }

    @Override
    protected void processHeader(String header, SIPMessage message, ParseExceptionListener listener,
                                 byte[] rawMessage) throws ParseException {
        SIPHeader parsed = header == null ? null : read(header);
        if (parsed == null) {
            super.processHeader(header, message, listener, rawMessage);
            return;
        }
        try {
            message.attachHeader(parsed, false);
        } catch (ParseException e) {
            // The RI's attach never refuses these headers; should it, its own path reports it.
            super.processHeader(header, message, listener, rawMessage);
        }
    }

    /** The field as the RI would parse it, or null when the RI's parser must decide. */
    static SIPHeader read(String header) {
        if (!HeaderText.plain(header)) {
            return null;
        }
        int nameEnd = 0;
        while (nameEnd < header.length() && HeaderText.isTokenChar(header.charAt(nameEnd))) {
            nameEnd++;
        }
        HeaderText in = new HeaderText(header, nameEnd);
        in.skipSpaces();
        if (nameEnd == 0 || in.peek() != ':') {
            return null;
        }
        in.skip(1);
        in.skipSpaces();
        try {
            return read(HeaderName.of(header, nameEnd), in);
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            // Whatever the reason (a refused value, an unusual form), the RI's parser decides.
            return null;
        }
    }

    private static SIPHeader read(HeaderName name, HeaderText in) throws ParseException, InvalidArgumentException {
        return switch (name) {
            case VIA -> ViaReader.readList(in);
            case FROM -> single(in, new From());
            case TO -> single(in, new To());
            case CALL_ID -> ScalarReader.callId(in);
            case CSEQ -> ScalarReader.cseq(in);
            case MAX_FORWARDS -> ScalarReader.maxForwards(in);
            case CONTENT_LENGTH -> ScalarReader.contentLength(in);
            case CONTACT -> contacts(in);
            case ROUTE -> addresses(in, new RouteList(), Route::new);
            case RECORD_ROUTE -> addresses(in, new RecordRouteList(), RecordRoute::new);
            case AUTHORIZATION -> ChallengeReader.read(in, new Authorization());
            case PROXY_AUTHORIZATION -> ChallengeReader.read(in, new ProxyAuthorization());
            case WWW_AUTHENTICATE -> ChallengeReader.read(in, new WWWAuthenticate());
            case PROXY_AUTHENTICATE -> ChallengeReader.read(in, new ProxyAuthenticate());
            case OTHER -> null;
        };
    }

    private static <H extends AddressParametersHeader> H single(HeaderText in, H header) {
        AddressReader.read(in, header);
        in.expectEnd();
        return header;
    }

    private static ContactList contacts(HeaderText in) {
        ContactList contacts = new ContactList();
        do {
            Contact contact = new Contact();
            if (in.peek() == '*' && (in.peek(1) == ' ' || in.peek(1) == '\t' || in.peek(1) == HeaderText.END)) {
                in.skip(1);
                contact.setWildCardFlag(true);
            } else {
                AddressReader.read(in, contact);
            }
            contacts.add(contact);
        } while (nextValue(in));
        return contacts;
    }

    /** A comma-separated list of name-addr values (Route, Record-Route), one header object each. */
    private static <H extends AddressParametersHeader, L extends SIPHeaderList<H>> L addresses(HeaderText in, L list,
                                                                                          Supplier<H> entry) {
        do {
            H header = entry.get();
            AddressReader.read(in, header);
            list.add(header);
        } while (nextValue(in));
        return list;
    }

    /** After one value of a list: the end of the field, or a comma and a further value. */
    private static boolean nextValue(HeaderText in) {
        in.skipSpaces();
        if (in.atEnd()) {
            return false;
        }
        in.expect(',');
        in.skipSpaces();
        return true;
    }
}
