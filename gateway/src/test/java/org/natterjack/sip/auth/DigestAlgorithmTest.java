package org.natterjack.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks the digest arithmetic against the worked example of RFC 7616 section 3.9.1. */
class DigestAlgorithmTest {

    static final String USER = "Mufasa";
    static final String REALM = "http-auth@example.org";
    static final String PASSWORD = "Circle of Life";
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    static final String URI = "/dir/index.html";

    static DigestResponse rfc7616Credentials(DigestAlgorithm algorithm, String response) {
        return new DigestResponse(USER, REALM, NONCE, URI, response, algorithm.token(), "auth", CNONCE, 1);
    }

    @Test
    void md5ResponseMatchesRfc7616Example() {
        String ha1 = DigestAlgorithm.MD5.ha1(USER, REALM, PASSWORD);

        String response = DigestAuthenticator.expectedResponse(DigestAlgorithm.MD5, ha1, "GET",
                rfc7616Credentials(DigestAlgorithm.MD5, null));

        assertEquals("8ca523f5e9506fed4657c9700eebdbec", response);
    }

    @Test
    void sha256ResponseMatchesRfc7616Example() {
        String ha1 = DigestAlgorithm.SHA_256.ha1(USER, REALM, PASSWORD);

        String response = DigestAuthenticator.expectedResponse(DigestAlgorithm.SHA_256, ha1, "GET",
                rfc7616Credentials(DigestAlgorithm.SHA_256, null));

        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", response);
    }

    @Test
    void hexIsLowerCaseDigestOfUtf8Bytes() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", DigestAlgorithm.MD5.hex(""));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                DigestAlgorithm.SHA_256.hex(""));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", DigestAlgorithm.MD5.hex("abc"));
    }

    @Test
    void ha1IsDigestOfUserRealmAndPasswordJoinedByColons() {
        assertEquals(DigestAlgorithm.MD5.hex("Mufasa:http-auth@example.org:Circle of Life"),
                DigestAlgorithm.MD5.ha1(USER, REALM, PASSWORD));
        assertEquals(DigestAlgorithm.SHA_256.hex("Mufasa:http-auth@example.org:Circle of Life"),
                DigestAlgorithm.SHA_256.ha1(USER, REALM, PASSWORD));
    }

    @Test
    void responseWithoutQopFollowsRfc2069Form() {
        String ha1 = DigestAlgorithm.MD5.ha1(USER, REALM, PASSWORD);
        DigestResponse noQop = new DigestResponse(USER, REALM, NONCE, URI, null, "MD5", null, null, 0);

        String expected = DigestAlgorithm.MD5.hex(ha1 + ":" + NONCE + ":" + DigestAlgorithm.MD5.hex("GET:" + URI));

        assertEquals(expected, DigestAuthenticator.expectedResponse(DigestAlgorithm.MD5, ha1, "GET", noQop));
    }

    @Test
    void algorithmTokensParseCaseInsensitivelyAndAbsentMeansMd5() {
        assertEquals(Optional.of(DigestAlgorithm.MD5), DigestAlgorithm.fromToken(null));
        assertEquals(Optional.of(DigestAlgorithm.MD5), DigestAlgorithm.fromToken(""));
        assertEquals(Optional.of(DigestAlgorithm.MD5), DigestAlgorithm.fromToken("md5"));
        assertEquals(Optional.of(DigestAlgorithm.SHA_256), DigestAlgorithm.fromToken("sha-256"));
        assertEquals(Optional.empty(), DigestAlgorithm.fromToken("SHA-512-256"));
        assertEquals(Optional.empty(), DigestAlgorithm.fromToken("MD5-sess"));
    }
}
