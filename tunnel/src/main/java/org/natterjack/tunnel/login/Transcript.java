package org.natterjack.tunnel.login;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Everything a login proof covers: who logs in, both fresh nonces, and the TLS channel (docs/tunnel.md, "Login").
 * A proof of one transcript says nothing about another, so a recorded proof cannot be replayed.
 */
public record Transcript(String user, String domain, String realm, String clientNonce, String serverNonce,
                         ChannelBinding binding) {

    static final String VERSION = "natterjack-tunnel-1";

    /** The octets that {@code role} ("client" or "server") signs. */
    byte[] signedBy(String role) {
        return String.join("\n", role, VERSION, user, domain, realm, clientNonce, serverNonce, binding.type(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(binding.data()))
                .getBytes(StandardCharsets.UTF_8);
    }
}
