package org.natterjack.sip.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.natterjack.sip.inspect.RequestInspection.Refusal;
import org.natterjack.sip.inspect.RequestInspection.Role;

class RequestInspectionTest {

    private static MessageFactory messages;
    private static HeaderFactory headers;

    @BeforeAll
    static void factories() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
    }

    private static Request request(String method, String uri, String... extraHeaders) throws Exception {
        StringBuilder text = new StringBuilder(method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKinspect\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:caller@example.net>;tag=1\r\n"
                + "To: <sip:user@example.com>\r\n"
                + "Call-ID: inspect@192.0.2.1\r\n"
                + "CSeq: 1 " + method + "\r\n");
        for (String h : extraHeaders) {
            text.append(h).append("\r\n");
        }
        return messages.createRequest(text.append("Content-Length: 0\r\n\r\n").toString());
    }

    @Test
    void sipAndSipsPassInBothRoles() throws Exception {
        for (String uri : List.of("sip:user@example.com", "sips:user@example.com")) {
            for (Role role : Role.values()) {
                assertEquals(Optional.empty(), RequestInspection.uriScheme(request("OPTIONS", uri), role), uri);
            }
        }
    }

    /** RFC 4475 3.3.2 (unkscm) and 3.3.3 (novelsc): a scheme the gateway never accepts gets 416 in either role. */
    @ParameterizedTest
    @ValueSource(strings = {"nobodyKnowsThisScheme:totallyopaquecontent", "soap.beep://192.0.2.103:3002",
            "http://www.example.com/"})
    void unknownSchemesGet416(String uri) throws Exception {
        for (Role role : Role.values()) {
            assertEquals(new Refusal(416, List.of()), RequestInspection.uriScheme(request("OPTIONS", uri), role)
                    .orElseThrow(), role.toString());
        }
    }

    @Test
    void telIsRoutableLaterSoOnlyTheUserAgentServerRefusesIt() throws Exception {
        Request invite = request("INVITE", "tel:+4930123456");
        assertEquals(416, RequestInspection.uriScheme(invite, Role.USER_AGENT_SERVER).orElseThrow().status());
        assertEquals(Optional.empty(), RequestInspection.uriScheme(invite, Role.PROXY));
    }

    /** RFC 4475 3.3.5 (bext01): each role lists the tags of its own header, and only those. */
    @Test
    void eachRoleAnswersItsOwnExtensionHeader() throws Exception {
        Request bext01 = request("OPTIONS", "sip:user@example.com",
                "Require: nothingSupportsThis, nothingSupportsThisEither",
                "Proxy-Require: noProxiesSupportThis, norDoAnyProxiesSupportThis");
        assertEquals(new Refusal(420, List.of("nothingSupportsThis", "nothingSupportsThisEither")),
                RequestInspection.extensions(bext01, Role.USER_AGENT_SERVER).orElseThrow());
        assertEquals(new Refusal(420, List.of("noProxiesSupportThis", "norDoAnyProxiesSupportThis")),
                RequestInspection.extensions(bext01, Role.PROXY).orElseThrow());
    }

    @Test
    void aProxyDoesNotCheckRequireNorAUserAgentServerProxyRequire() throws Exception {
        assertEquals(Optional.empty(), RequestInspection.extensions(
                request("INVITE", "sip:user@example.com", "Require: 100rel"), Role.PROXY));
        assertEquals(Optional.empty(), RequestInspection.extensions(
                request("REGISTER", "sip:example.com", "Proxy-Require: sec-agree"), Role.USER_AGENT_SERVER));
    }

    @Test
    void outboundAndPathAreSupported() throws Exception {
        assertEquals(Optional.empty(), RequestInspection.extensions(
                request("REGISTER", "sip:example.com", "Require: outbound, path"), Role.USER_AGENT_SERVER));
        assertEquals(List.of("gruu"), RequestInspection.extensions(
                request("REGISTER", "sip:example.com", "Require: outbound, path, gruu"), Role.USER_AGENT_SERVER)
                .orElseThrow().unsupported());
    }

    @Test
    void requireFieldsAreCollectedAcrossLinesWithoutRepeats() throws Exception {
        Request register = request("REGISTER", "sip:example.com", "Require: foo", "Require: bar, foo");
        assertEquals(List.of("foo", "bar"),
                RequestInspection.extensions(register, Role.USER_AGENT_SERVER).orElseThrow().unsupported());
    }

    /** RFC 3261 8.2.2.3: Require and Proxy-Require in CANCEL and ACK must be ignored. */
    @ParameterizedTest
    @ValueSource(strings = {"CANCEL", "ACK"})
    void cancelAndAckAreNeverRefusedForExtensions(String method) throws Exception {
        Request request = request(method, "sip:user@example.com", "Require: foo", "Proxy-Require: bar");
        for (Role role : Role.values()) {
            assertEquals(Optional.empty(), RequestInspection.extensions(request, role), role.toString());
        }
    }

    @Test
    void theRefusalWritesOneUnsupportedHeaderPerTag() throws Exception {
        List<String> written = new Refusal(420, List.of("a", "b")).headers(headers).stream()
                .map(h -> h.toString().strip()).toList();
        assertEquals(List.of("Unsupported: a", "Unsupported: b"), written);
        assertTrue(new Refusal(416, List.of()).headers(headers).isEmpty());
    }
}
