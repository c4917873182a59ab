package org.natterjack.tunnel.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.natterjack.sip.auth.DigestAlgorithm;
import org.natterjack.sip.auth.SipUser;

class LoginKeyTest {

    private static final ChannelBinding BINDING =
            new ChannelBinding(ChannelBinding.SERVER_END_POINT, "certificate hash".getBytes(StandardCharsets.UTF_8));
    private static final Transcript TRANSCRIPT =
            new Transcript("alice", "example.com", "natterjack", "client-nonce", "server-nonce", BINDING);

    @Test
    void theAgentsKeyFromThePasswordIsTheGatewaysKeyFromTheStoredHa1() {
        String stored = SipUser.withPassword("alice", "example.com", "natterjack", "s3cret").ha1()
                .get(DigestAlgorithm.SHA_256);

        assertEquals(LoginKey.ofHa1(stored).clientProof(TRANSCRIPT),
                LoginKey.ofPassword("alice", "natterjack", "s3cret").clientProof(TRANSCRIPT));
        assertNotEquals(LoginKey.ofHa1(stored).clientProof(TRANSCRIPT),
                LoginKey.ofPassword("alice", "natterjack", "wrong").clientProof(TRANSCRIPT));
    }

    /** The vector docs/tunnel.md gives implementers, computed independently with Python hmac/hashlib. */
    @Test
    void knownVector() {
        LoginKey key = LoginKey.ofPassword("alice", "natterjack", "s3cret");

        assertEquals("dykgc0_d7AKkFH8HoPVF1QIQL74A-LYqJmHQrBUmk-g", key.clientProof(TRANSCRIPT));
        assertEquals("Lr1nshyDTAgeqNFB6QBiNo3q8py4OnDTM74_rVIrrLE", key.serverProof(TRANSCRIPT));
    }

    @Test
    void aProofHoldsForItsOwnTranscriptOnly() {
        LoginKey key = LoginKey.ofPassword("alice", "natterjack", "s3cret");
        String proof = key.clientProof(TRANSCRIPT);

        assertNotEquals(proof, key.serverProof(TRANSCRIPT), "the gateway's proof is not the client's mirrored");
        assertNotEquals(proof, key.clientProof(new Transcript("alice", "example.com", "natterjack", "client-nonce",
                "another-server-nonce", BINDING)), "a fresh server nonce: a replayed proof fails");
        assertNotEquals(proof, key.clientProof(new Transcript("alice", "example.com", "natterjack", "client-nonce",
                "server-nonce", new ChannelBinding(ChannelBinding.SERVER_END_POINT, new byte[32]))),
                "another TLS certificate (a middlebox's): the proof fails");
        assertTrue(LoginKey.same(proof, key.clientProof(TRANSCRIPT)));
        assertFalse(LoginKey.same(proof, LoginKey.unguessable().clientProof(TRANSCRIPT)));
    }

    @Test
    void noncesAreFresh() {
        assertEquals(43, LoginKey.nonce().length());
        assertNotEquals(LoginKey.nonce(), LoginKey.nonce());
    }
}
