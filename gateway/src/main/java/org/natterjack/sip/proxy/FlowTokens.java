package org.natterjack.sip.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.natterjack.net.Flow;
import org.natterjack.net.Transport;

/**
 * Flow tokens (RFC 5626 section 5.2): a {@link Flow} packed into the user part of our Record-Route URI, so
 * that an in-dialog request that comes back through us can be sent over the flow the party is reachable on
 * (its NAT binding or TCP connection) although its Contact names a private address.
 *
 * <p>Tokens are signed with a key kept in the store, so they cannot be forged to make the gateway send
 * elsewhere, and stay valid across restarts (dialogs outlive an upgrade). The signature also covers the
 * dialog's Call-ID, so a token copied from one dialog proves nothing in another. A Record-Route facing a
 * party reached by its address rather than over a flow carries a token too, without a flow: every Route
 * of ours that comes back must bear a valid signature.
 */
public final class FlowTokens {

    /** A token that verified: the flow it names, empty for a party reached by address. */
    public record Verified(Optional<Flow> flow) {
    }

    private static final int MAC_BYTES = 10;
    private static final byte NO_FLOW = (byte) 0xff;

    private final ThreadLocal<Mac> macs;

    public FlowTokens(byte[] key) {
        byte[] copy = key.clone();
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(copy, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        });
    }

    /** The token for {@code flow} (or for no flow) in dialog {@code callId}: URL-safe base64, valid in a SIP URI user part. */
    public String encode(Optional<Flow> flow, String callId) {
        ByteBuffer buf;
        if (flow.isEmpty()) {
            buf = ByteBuffer.allocate(1 + MAC_BYTES).put(NO_FLOW);
        } else {
            byte[] remote = flow.get().remote().getAddress().getAddress();
            byte[] local = flow.get().local().getAddress().getAddress();
            buf = ByteBuffer.allocate(1 + 1 + remote.length + 2 + 1 + local.length + 2 + MAC_BYTES);
            buf.put((byte) flow.get().transport().ordinal());
            buf.put((byte) remote.length).put(remote).putShort((short) flow.get().remote().getPort());
            buf.put((byte) local.length).put(local).putShort((short) flow.get().local().getPort());
        }
        buf.put(sign(buf.array(), buf.position(), callId));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
    }

    /** What {@code token} says, if we signed it for dialog {@code callId}; empty if forged, tampered or foreign. */
    public Optional<Verified> decode(String token, String callId) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(unescape(token));
            if (raw.length < MAC_BYTES + 1) {
                return Optional.empty();
            }
            int body = raw.length - MAC_BYTES;
            if (!MessageDigest.isEqual(sign(raw, body, callId), Arrays.copyOfRange(raw, body, raw.length))) {
                return Optional.empty();
            }
            ByteBuffer buf = ByteBuffer.wrap(raw, 0, body);
            byte kind = buf.get();
            if (kind == NO_FLOW) {
                return Optional.of(new Verified(Optional.empty()));
            }
            Transport transport = Transport.values()[kind];
            InetSocketAddress remote = address(buf);
            InetSocketAddress local = address(buf);
            return Optional.of(new Verified(Optional.of(Flow.of(transport, local, remote))));
        } catch (IllegalArgumentException | java.nio.BufferUnderflowException | IndexOutOfBoundsException
                 | UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * The token as we wrote it: in a user part an escaped character equals the character itself (RFC 3261
     * 19.1.4), and a client may echo our Record-Route escaped (Twinkle 1.10.2 writes every 'Z' as %5a).
     */
    private static String unescape(String token) {
        if (token.indexOf('%') < 0) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '%') {
                out.append((char) HexFormat.fromHexDigits(token, i + 1, i + 3));
                i += 2;
            } else {
                out.append(token.charAt(i));
            }
        }
        return out.toString();
    }

    private static InetSocketAddress address(ByteBuffer buf) throws UnknownHostException {
        byte[] addr = new byte[buf.get()];
        buf.get(addr);
        return new InetSocketAddress(InetAddress.getByAddress(addr), Short.toUnsignedInt(buf.getShort()));
    }

    private byte[] sign(byte[] data, int length, String callId) {
        Mac mac = macs.get();
        mac.update(data, 0, length);
        mac.update(callId.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    }
}
