package org.natterjack.sip.auth;

/**
 * The fields of an Authorization (or Proxy-Authorization) header that verification needs.
 *
 * @param qop "auth", or null for the RFC 2069 form without qop
 * @param nonceCount the {@code nc} value; 0 when absent
 */
public record DigestResponse(String username, String realm, String nonce, String uri, String response,
                             String algorithm, String qop, String cnonce, long nonceCount) {
}
