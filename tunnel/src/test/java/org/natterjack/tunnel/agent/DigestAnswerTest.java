package org.natterjack.tunnel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.WWWAuthenticate;
import org.junit.jupiter.api.Test;

class DigestAnswerTest {

    /** RFC 2617 section 3.5's example, which every digest implementation is checked against. */
    @Test
    void rfc2617Example() throws Exception {
        WWWAuthenticate challenge = new WWWAuthenticate();
        challenge.setScheme("Digest");
        challenge.setRealm("testrealm@host.com");
        challenge.setQop("auth,auth-int");
        challenge.setNonce("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        challenge.setOpaque("5ccc069c403ebaf9f0171e9517f40e41");

        var answer = DigestAnswer.answer(challenge, false, "GET", "/dir/index.html", "Mufasa", "Circle Of Life",
                "0a4f113b").orElseThrow();

        assertEquals("6629fae49393a05397450978507c4ef1", answer.getResponse());
        assertTrue(answer.encode().startsWith("Authorization: Digest "), answer.encode());
    }

    @Test
    void sha256AndNoQop() throws Exception {
        WWWAuthenticate challenge = new WWWAuthenticate();
        challenge.setScheme("Digest");
        challenge.setRealm("natterjack");
        challenge.setNonce("abc");
        challenge.setAlgorithm("SHA-256");

        var answer = DigestAnswer.answer(challenge, true, "REGISTER", "sip:127.0.0.1", "alice", "pw", "x")
                .orElseThrow();

        String ha1 = DigestAnswer.h("SHA-256", "alice:natterjack:pw");
        String ha2 = DigestAnswer.h("SHA-256", "REGISTER:sip:127.0.0.1");
        assertEquals(DigestAnswer.h("SHA-256", ha1 + ":abc:" + ha2), answer.getResponse());
        assertTrue(answer.encode().startsWith("Proxy-Authorization: Digest "), answer.encode());
    }
}
