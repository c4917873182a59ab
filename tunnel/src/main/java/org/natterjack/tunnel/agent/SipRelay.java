package org.natterjack.tunnel.agent;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.Supported;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.SupportedHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's SIP: a stateless proxy (RFC 3261 16.11) between the local applications and the tunnel, parsed and
 * written with the JAIN-SIP RI's message classes. Each request gets the agent's Via on top, with a branch derived
 * from the branch below it (so a retransmission, an ACK or a CANCEL gets the same one), and each response is sent
 * on by the Via below the agent's. REGISTERs get what RFC 5626 asks of a user agent (Supported: outbound, the
 * device's {@code +sip.instance} and {@code reg-id}), so the gateway keeps the binding on the tunnel's flow and
 * replaces it when the agent reconnects.
 */
final class SipRelay {

    /** What happens to SDP on its way through the agent (the media's local ports, see {@link AgentMedia}). */
    interface SdpRewrites {
        byte[] fromGateway(String callId, byte[] body);

        byte[] fromApplication(String callId, byte[] body);
    }

    /**
     * The agent's sent-by towards the gateway: a name that does not resolve (RFC 6761), as RFC 7118 has WebSocket
     * clients write, since the agent is reached only over its connection. It also tells the gateway's NAT
     * detection that the party is not reachable at any address of its own, so the relay anchors its media.
     */
    static final String SENT_BY = "agent.invalid";

    /** Requests that create a dialog: their Contact gets RFC 5626's {@code ob} (section 4.3). */
    private static final Set<String> DIALOG_FORMING = Set.of(SIPRequest.INVITE, SIPRequest.SUBSCRIBE, "REFER");

    private static final Logger LOG = LoggerFactory.getLogger(SipRelay.class);
    private static final String BRANCH_PREFIX = "z9hG4bK-nja-";

    private final InetSocketAddress local;
    private final DeviceInstance device;
    private final SdpRewrites sdp;
    private final ReRegistrar reRegistrar;
    private final Consumer<byte[]> toTunnel;
    private final Applications applications;

    /**
     * @param local the agent's listen address (in its Via towards the applications)
     * @param toTunnel sends one message to the gateway; a no-op while the tunnel is down (the application's
     *     retransmissions find it up again)
     * @param applications reaches the local applications
     */
    SipRelay(InetSocketAddress local, DeviceInstance device, SdpRewrites sdp, ReRegistrar reRegistrar,
             Consumer<byte[]> toTunnel, Applications applications) {
        this.local = local;
        this.device = device;
        this.sdp = sdp;
        this.reRegistrar = reRegistrar;
        this.toTunnel = toTunnel;
        this.applications = applications;
    }

    /** A message from a local application, by UDP or over its TCP connection. */
    void fromApplication(byte[] bytes, InetSocketAddress source, boolean overTcp) {
        SIPMessage message = parse(bytes, source.toString());
        if (message == null) {
            return;
        }
        try {
            if (message instanceof SIPRequest request) {
                Via theirs = request.getTopmostVia();
                theirs.setReceived(source.getAddress().getHostAddress());
                theirs.setParameter("rport", Integer.toString(source.getPort()));
                rewriteSdp(request, sdp::fromApplication);
                if (SIPRequest.REGISTER.equals(request.getMethod())) {
                    asOutbound(request);
                    reRegistrar.remember(request);
                    if (overTcp) {
                        bindContacts(request, source);
                    }
                } else if (DIALOG_FORMING.contains(request.getMethod()) && request.getToTag() == null) {
                    markOb(request);
                }
                request.addFirst(via("TCP", SENT_BY, -1, theirs));
                toTunnel.accept(request.encodeAsBytes("TCP"));
            } else if (popOurVia(message)) {
                rewriteSdp(message, sdp::fromApplication);
                toTunnel.accept(message.encodeAsBytes(message.getTopmostVia().getTransport()));
            }
        } catch (ParseException | SipException | UnknownHostException | RuntimeException e) {
            LOG.debug("Dropped a message from {}: {}", source, e.toString());
        }
    }

    /** A message from the gateway. */
    void fromTunnel(byte[] bytes) {
        SIPMessage message = parse(bytes, "the gateway");
        if (message == null) {
            return;
        }
        try {
            if (message instanceof SIPRequest request) {
                InetSocketAddress target = target(request);
                boolean overTcp = "tcp".equalsIgnoreCase(((SipUri) request.getRequestURI()).getTransportParam());
                String transport = overTcp ? "TCP" : "UDP";
                rewriteSdp(request, sdp::fromGateway);
                request.addFirst(via(transport, local.getAddress().getHostAddress(), local.getPort(),
                        request.getTopmostVia()));
                applications.send(target, overTcp, request.encodeAsBytes(transport));
            } else if (!reRegistrar.onResponse((SIPResponse) message) && popOurVia(message)) {
                Via theirs = message.getTopmostVia();
                String host = theirs.getReceived() != null ? theirs.getReceived() : theirs.getHost();
                int port = theirs.getRPort() > 0 ? theirs.getRPort() : theirs.getPort() > 0 ? theirs.getPort() : 5060;
                rewriteSdp(message, sdp::fromGateway);
                applications.send(new InetSocketAddress(InetAddress.getByName(host), port),
                        "TCP".equalsIgnoreCase(theirs.getTransport()), message.encodeAsBytes(theirs.getTransport()));
            }
        } catch (ParseException | SipException | UnknownHostException | RuntimeException e) {
            LOG.debug("Dropped a message from the gateway: {}", e.toString());
        }
    }

    /** The message's SDP body, if it has one, through {@code rewrite} (which gets the Call-ID and the body). */
    private static void rewriteSdp(SIPMessage message, BiFunction<String, byte[], byte[]> rewrite) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        byte[] body = message.getRawContent();
        if (type != null && body != null && body.length > 0 && "sdp".equalsIgnoreCase(type.getContentSubType())) {
            message.setMessageContent(rewrite.apply(message.getCallId().getCallId(), body));
        }
    }

    /**
     * RFC 5626 4.3: {@code ob} in the Contact of a dialog-forming request asks that the dialog's requests come back
     * over the flow the request went out on (the tunnel), as the gateway's flow tokens do anyway.
     */
    private static void markOb(SIPRequest request) throws ParseException {
        var contacts = request.getContactHeaders();
        if (contacts == null) {
            return;
        }
        for (var header : contacts) {
            Contact contact = (Contact) header;
            if (contact.getAddress() != null && contact.getAddress().getURI() instanceof SipUri uri) {
                uri.setParameter("ob", null);
            }
        }
    }

    /** A TCP application's contacts: the gateway's requests to them go over its connection. */
    private void bindContacts(SIPRequest register, InetSocketAddress source) throws UnknownHostException {
        var contacts = register.getContactHeaders();
        if (contacts == null) {
            return;
        }
        for (var header : contacts) {
            Contact contact = (Contact) header;
            if (contact.getAddress() != null && contact.getAddress().getURI() instanceof SipUri uri) {
                applications.bindContact(new InetSocketAddress(InetAddress.getByName(uri.getHost()),
                        uri.getPort() > 0 ? uri.getPort() : 5060), source);
            }
        }
    }

    private void asOutbound(SIPRequest register) throws ParseException, SipException {
        if (!supportsOutbound(register)) {
            Supported outbound = new Supported();
            outbound.setOptionTag("outbound");
            register.addHeader(outbound);
        }
        String aor = register.getTo().getAddress().getURI().toString();
        var contacts = register.getContactHeaders();
        if (contacts == null) {
            return;
        }
        for (var header : contacts) {
            Contact contact = (Contact) header;
            if (contact.getAddress() == null || contact.getAddress().isWildcard()
                    || contact.getParameter("+sip.instance") != null) {
                continue;
            }
            contact.setParameter("+sip.instance", '"' + device.urn(aor, contact.getAddress().getURI().toString())
                    + '"');
            contact.setParameter("reg-id", "1");
        }
    }

    private static boolean supportsOutbound(SIPRequest request) {
        var headers = request.getHeaders(SupportedHeader.NAME);
        while (headers.hasNext()) {
            if ("outbound".equalsIgnoreCase(((SupportedHeader) headers.next()).getOptionTag())) {
                return true;
            }
        }
        return false;
    }

    /** Where a request from the gateway goes: its Request-URI's address (the application's contact). */
    private static InetSocketAddress target(SIPRequest request) throws UnknownHostException {
        if (!(request.getRequestURI() instanceof SipUri uri)) {
            throw new IllegalArgumentException("not a SIP URI: " + request.getRequestURI());
        }
        return new InetSocketAddress(InetAddress.getByName(uri.getHost()), uri.getPort() > 0 ? uri.getPort() : 5060);
    }

    private static boolean popOurVia(SIPMessage response) {
        Via top = response.getTopmostVia();
        if (top == null || top.getBranch() == null || !top.getBranch().startsWith(BRANCH_PREFIX)) {
            LOG.debug("Dropped a response that is not for the agent: {}", ((SIPResponse) response).getFirstLine());
            return false;
        }
        response.removeFirst(Via.NAME);
        return response.getTopmostVia() != null;
    }

    private static Via via(String transport, String host, int port, Via below) throws ParseException {
        Via via = new Via();
        via.setHost(host);
        if (port > 0) {
            try {
                via.setPort(port);
            } catch (InvalidArgumentException e) {
                throw new ParseException(e.getMessage(), 0);
            }
        }
        via.setTransport(transport);
        via.setBranch(BRANCH_PREFIX + digest(below.getBranch() + '\n' + below.getSentBy()));
        return via;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SIPMessage parse(byte[] bytes, String from) {
        if (isKeepalive(bytes)) {
            return null;
        }
        try {
            return new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        } catch (ParseException | RuntimeException e) {
            LOG.debug("Dropped an unparsable message from {}: {}", from, e.toString());
            return null;
        }
    }

    private static boolean isKeepalive(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\r' && b != '\n' && b != 0) {
                return false;
            }
        }
        return true;
    }
}
