package org.natterjack.tunnel.gateway;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.header.ContentTypeHeader;
import org.natterjack.media.relay.CarriedMedia;
import org.natterjack.media.relay.MediaCarrier;
import org.natterjack.media.relay.MediaCarriers;
import org.natterjack.media.relay.Side;
import org.natterjack.media.sdp.Sdp;
import org.natterjack.media.sdp.SdpException;
import org.natterjack.media.sdp.SdpMedia;
import org.natterjack.tunnel.wire.ControlMessage;
import org.natterjack.tunnel.wire.Frame;
import org.natterjack.tunnel.wire.FrameFormatException;
import org.natterjack.tunnel.wire.FrameType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one tunnel session's calls (docs/tunnel.md, "Media"). Which side of each call the session's party is
 * comes from the SIP that crosses the session (an initial INVITE from the agent: caller; to it: callee). When SDP
 * goes to the agent, the relay ports in it are the ones facing the session's party: each such stream is carried
 * over a channel of this session (the relay only lets a session carry the streams facing its own side of calls
 * signalled over it), and the agent is told with {@code open} before it sees the SDP.
 */
final class TunnelMedia {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelMedia.class);
    /** Calls remembered per session: enough for a phone system's worth of calls behind one agent. */
    private static final int MAX_CALLS = 512;

    private final MediaCarriers relay;
    private final Consumer<Frame> toAgent;
    private final Map<String, Side> sides = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Side> eldest) {
            return size() > MAX_CALLS;
        }
    };
    private final Map<Integer, Stream> channels = new ConcurrentHashMap<>();
    private final Map<String, Integer> channelOfPort = new ConcurrentHashMap<>();
    private int nextChannel = 1;

    /** One carried stream. */
    private final class Stream implements MediaCarrier {
        final int channel;
        final String key;
        volatile CarriedMedia carried;

        Stream(int channel, String key) {
            this.channel = channel;
            this.key = key;
        }

        @Override
        public void send(byte[] packet, boolean rtcp) {
            toAgent.accept(Frame.media(rtcp ? FrameType.RTCP : FrameType.RTP, channel, packet));
        }

        @Override
        public void ended() {
            forget(this);
            toAgent.accept(Frame.control(ControlMessage.of("close", "channel", Integer.toString(channel)).encode()));
        }
    }

    TunnelMedia(MediaCarriers relay, Consumer<Frame> toAgent) {
        this.relay = relay;
        this.toAgent = toAgent;
    }

    /** SIP from the agent: an initial INVITE makes the session's party the caller of that call. */
    synchronized void fromAgent(byte[] message) {
        if (!startsWith(message, INVITE)) {
            return; // the stack parses every message anyway; this parse is only for initial INVITEs
        }
        parse(message).filter(TunnelMedia::isInitialInvite)
                .ifPresent(invite -> sides.put(invite.getCallId().getCallId(), Side.CALLER));
    }

    /** SIP to the agent, before it is sent: its SDP's streams are carried, and the agent told about them first. */
    synchronized void toAgent(byte[] message) {
        if (!startsWith(message, INVITE) && !mentionsSdp(message)) {
            return; // most SIP (BYE, ACK without a body, 1xx, REGISTER answers) neither opens a call nor names media
        }
        Optional<SIPMessage> parsed = parse(message);
        if (parsed.isEmpty()) {
            return;
        }
        SIPMessage sip = parsed.get();
        String callId = sip.getCallId().getCallId();
        if (isInitialInvite(sip)) {
            sides.putIfAbsent(callId, Side.CALLEE);
        }
        Side side = sides.get(callId);
        byte[] body = sip.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) sip.getHeader(ContentTypeHeader.NAME);
        if (side == null || body == null || type == null || !"sdp".equalsIgnoreCase(type.getContentSubType())) {
            return;
        }
        Sdp sdp;
        try {
            sdp = Sdp.parse(body);
        } catch (SdpException e) {
            return;
        }
        for (int i = 0; i < sdp.media().size(); i++) {
            SdpMedia media = sdp.media().get(i);
            int port = media.mline().port();
            String address = sdp.connectionOf(i).map(c -> c.address()).orElse("");
            if (port > 0 && !channelOfPort.containsKey(callId + ' ' + port)) {
                open(callId, side, i, address, port);
            }
        }
    }

    private void open(String callId, Side side, int index, String address, int port) {
        int channel = freeChannel();
        Stream stream = new Stream(channel, callId + ' ' + port);
        Optional<CarriedMedia> carried = relay.carry(callId, side, port, stream);
        if (carried.isEmpty()) {
            LOG.debug("Call {}: stream {} is not anchored at relay port {}; its media cannot cross the tunnel",
                    callId, index, port);
            return;
        }
        stream.carried = carried.get();
        channels.put(channel, stream);
        channelOfPort.put(stream.key, channel);
        toAgent.accept(Frame.control(ControlMessage.of("open", "channel", Integer.toString(channel),
                "call-id", callId, "index", Integer.toString(index), "address", address + ":" + port).encode()));
    }

    /** An RTP or RTCP frame from the agent. */
    void media(Frame frame) {
        Stream stream = channels.get(frame.channel());
        if (stream == null) {
            throw new FrameFormatException("media for channel " + frame.channel() + ", which is not open");
        }
        stream.carried.receive(frame.payload(), frame.type() == FrameType.RTCP);
    }

    /** The session ended: every stream goes back to its relay socket (the calls themselves go on). */
    void close() {
        for (Stream stream : channels.values()) {
            stream.carried.release();
        }
        channels.clear();
        channelOfPort.clear();
    }

    int openChannels() {
        return channels.size();
    }

    private void forget(Stream stream) {
        channels.remove(stream.channel, stream);
        channelOfPort.remove(stream.key, stream.channel);
    }

    private int freeChannel() {
        for (int tries = 0; tries < 65535; tries++) {
            int channel = nextChannel;
            nextChannel = nextChannel == 65535 ? 1 : nextChannel + 1;
            if (!channels.containsKey(channel)) {
                return channel;
            }
        }
        throw new FrameFormatException("all 65,535 media channels of the session are open");
    }

    private static final byte[] INVITE = "INVITE ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SDP = "application/sdp".getBytes(StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] message, byte[] prefix) {
        return message.length >= prefix.length && Arrays.equals(message, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A cheap first look for an SDP body (case as the RI and most clients write it), before parsing. */
    private static boolean mentionsSdp(byte[] message) {
        outer:
        for (int i = 0; i + SDP.length <= message.length; i++) {
            for (int j = 0; j < SDP.length; j++) {
                if (Character.toLowerCase(message[i + j]) != SDP[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isInitialInvite(SIPMessage message) {
        return message instanceof SIPRequest request && SIPRequest.INVITE.equals(request.getMethod())
                && request.getToTag() == null;
    }

    private static Optional<SIPMessage> parse(byte[] message) {
        try {
            SIPMessage parsed = new StringMsgParser().parseSIPMessage(message, true, false, null);
            return Optional.ofNullable(parsed).filter(m -> m.getCallId() != null);
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
