package org.natterjack.tunnel.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnAorOnlyTest {

    private static byte[] register(String to) {
        return ("REGISTER sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP agent.invalid;branch=z9hG4bK-1\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\n"
                + "t: " + to + "\r\n"
                + "Call-ID: c1\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSessionsOwnUserRegisters() {
        assertEquals(Optional.empty(), OwnAorOnly.refusal(register("<sip:alice@example.com>"), "alice"));
        assertEquals(Optional.empty(), OwnAorOnly.refusal(
                "INVITE sip:bob@example.com SIP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8), "alice"),
                "only REGISTERs are checked: calls are the proxy's business");
    }

    @Test
    void anotherUsersRegisterIsAnswered403WithTheTransactionsHeaders() {
        String answer = new String(OwnAorOnly.refusal(register("\"Bob\" <sips:bob@example.com>"), "alice")
                .orElseThrow(), StandardCharsets.UTF_8);

        assertTrue(answer.startsWith("SIP/2.0 403 "), answer);
        assertTrue(answer.contains("Via: SIP/2.0/TCP agent.invalid;branch=z9hG4bK-1\r\n"), answer);
        assertTrue(answer.contains("t: \"Bob\" <sips:bob@example.com>;tag=tunnel\r\n"), answer);
        assertTrue(answer.contains("CSeq: 1 REGISTER\r\n") && answer.endsWith("Content-Length: 0\r\n\r\n"), answer);
        assertTrue(OwnAorOnly.refusal(register("<sip:example.com>"), "alice").isPresent(), "no user at all");
    }
}
