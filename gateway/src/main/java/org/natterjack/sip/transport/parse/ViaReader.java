package org.natterjack.sip.transport.parse;

import gov.nist.core.NameValue;
import gov.nist.javax.sip.header.Protocol;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;

/**
 * Via values as the RI's {@code ViaParser} reads them: sent-protocol, sent-by with optional port, and
 * parameters, whose names it lower-cases; {@code received} takes anything up to the next {@code ;} or
 * {@code ,}. Comments and values that are neither tokens nor quoted strings stay with the RI.
 */
final class ViaReader {

    private static final String RECEIVED = "received";
    private static final String BRANCH = "branch";

    private ViaReader() {
    }

    static ViaList readList(HeaderText in) {
        ViaList vias = new ViaList();
        while (true) {
            vias.add(read(in));
            in.skipSpaces();
            if (in.atEnd()) {
                return vias;
            }
            in.expect(',');
            in.skipSpaces();
            if (in.atEnd()) {
                throw NotCertain.INSTANCE;
            }
        }
    }

    private static Via read(HeaderText in) {
        Via via = new Via();
        Protocol protocol = new Protocol();
        protocol.setProtocolName(in.token());
        separator(in);
        protocol.setProtocolVersion(in.token());
        separator(in);
        protocol.setTransport(in.token());
        in.skipSpaces();
        via.setSentProtocol(protocol);
        via.setSentBy(HostReader.hostPort(in, true));
        in.skipSpaces();
        while (in.peek() == ';') {
            in.skip(1);
            in.skipSpaces();
            via.setParameter(parameter(in));
            in.skipSpaces();
        }
        return via;
    }

    /** The {@code /} of the sent-protocol, spaces and tabs allowed around it. */
    private static void separator(HeaderText in) {
        in.skipSpaces();
        in.expect('/');
        in.skipSpaces();
    }

    private static NameValue parameter(HeaderText in) {
        String name = in.token().toLowerCase();
        in.skipSpaces();
        if (in.peek() != '=') {
            if (name.equals(BRANCH)) {
                throw NotCertain.INSTANCE; // the RI refuses a branch without a value
            }
            return new NameValue(name, null);
        }
        in.skip(1);
        in.skipSpaces();
        if (name.equals(RECEIVED)) {
            return new NameValue(name, untilSeparator(in));
        }
        if (in.peek() == '"') {
            NameValue quoted = new NameValue(name, in.quoted());
            quoted.setQuotedValue();
            return quoted;
        }
        return new NameValue(name, in.token());
    }

    private static String untilSeparator(HeaderText in) {
        int start = in.pos();
        while (in.peek() != ';' && in.peek() != ',' && in.peek() != HeaderText.END) {
            in.skip(1);
        }
        return in.slice(start);
    }
}
