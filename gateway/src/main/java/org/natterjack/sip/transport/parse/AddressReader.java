package org.natterjack.sip.transport.parse;

import gov.nist.core.NameValue;
import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.header.AddressParametersHeader;
import gov.nist.javax.sip.header.ParametersHeader;

/**
 * An address with its header parameters (From, To, one Contact, Route or Record-Route value) as the RI's
 * {@code AddressParametersParser} reads it: a name-addr with a plain or quoted display name, or an
 * addr-spec, each with a sip/sips URI; then {@code ;name}, {@code ;name=token} or
 * {@code ;name="quoted"} parameters, names kept as written.
 */
final class AddressReader {

    private AddressReader() {
    }

    static void read(HeaderText in, AddressParametersHeader header) {
        header.setAddress(address(in));
        in.skipSpaces();
        if (HeaderText.isTokenChar(in.peek())) {
            // The RI reads parameters that follow without a ';' by other rules.
            throw NotCertain.INSTANCE;
        }
        parameters(in, header);
    }

    /** Header parameters ({@code ;name[=value]}...), spaces and tabs allowed around each separator. */
    static void parameters(HeaderText in, ParametersHeader header) {
        in.skipSpaces();
        while (in.peek() == ';') {
            in.skip(1);
            in.skipSpaces();
            header.setParameter(parameter(in));
            in.skipSpaces();
        }
    }

    /** One {@code name}, {@code name=token} or {@code name="quoted"}, the name kept as written. */
    static NameValue parameter(HeaderText in) {
        String name = in.token();
        in.skipSpaces();
        if (in.peek() != '=') {
            return new NameValue(name, "", true);
        }
        in.skip(1);
        in.skipSpaces();
        if (in.peek() == '"') {
            NameValue quoted = new NameValue(name, in.quoted(), false);
            quoted.setQuotedValue();
            return quoted;
        }
        return new NameValue(name, in.token(), false);
    }

    /** The RI decides the form by the first {@code <}, {@code "}, {@code :} or {@code /} in the field. */
    private static AddressImpl address(HeaderText in) {
        char decisive;
        for (int ahead = 0; ; ahead++) {
            decisive = in.peek(ahead);
            if (decisive == '<' || decisive == '"' || decisive == ':' || decisive == '/') {
                break;
            }
            if (decisive == HeaderText.END) {
                throw NotCertain.INSTANCE;
            }
        }
        AddressImpl address = new AddressImpl();
        if (decisive == ':') {
            address.setURI(SipUriReader.read(in, false));
            address.setAddressType(AddressImpl.ADDRESS_SPEC);
            return address;
        }
        if (decisive == '/') {
            throw NotCertain.INSTANCE;
        }
        address.setAddressType(AddressImpl.NAME_ADDR);
        if (in.peek() != '<') {
            address.setDisplayName(displayName(in).trim());
        }
        in.expect('<');
        in.skipSpaces();
        address.setURI(SipUriReader.read(in, true));
        in.skipSpaces();
        in.expect('>');
        return address;
    }

    /** A quoted display name (content as written) or a plain one of tokens and spaces. */
    private static String displayName(HeaderText in) {
        if (in.peek() == '"') {
            String quoted = in.quoted();
            in.skipSpaces();
            return quoted;
        }
        int start = in.pos();
        while (HeaderText.isTokenChar(in.peek()) || in.peek() == ' ' || in.peek() == '\t') {
            in.skip(1);
        }
        return in.slice(start);
    }
}
