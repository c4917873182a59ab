package org.natterjack.tunnel.gateway;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.natterjack.media.relay.MediaCarriers;
import org.natterjack.net.SipConnections;
import org.natterjack.tunnel.wire.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tunnel user's SIP flow and the media of its calls, which outlive one connection by the resume window
 * (docs/tunnel.md, "Resuming"): when the connection drops, the flow's bindings go at once (new calls take the home
 * route) but its dialogs and carried media are parked; an agent that logs in again with the flow's token within
 * the window takes them over, and calls in progress go on without a re-INVITE.
 */
final class TunnelFlow {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelFlow.class);
    /** SIP for the agent held while parked (the other party's in-dialog requests): more are dropped. */
    private static final int MAX_HELD = 64;

    /** The connection a flow is reached over now. */
    interface Link {
        void send(Frame frame);

        void close();
    }

    private final String user;
    private final String token;
    private final TunnelMedia media;
    private final SipConnections.Connection connection;
    private final Deque<byte[]> held = new ArrayDeque<>();
    private volatile Link link;
    private boolean closed;
    /** Counts the times the flow was parked, so a window's end applies to its own parking only. */
    private long parkings;
    private Runnable onClosed = () -> { };

    /**
     * @throws IllegalStateException if the SIP side has a connection from {@code remote} already
     */
    TunnelFlow(String user, String token, InetSocketAddress remote, SipConnections sip, MediaCarriers relay,
               Link link) {
        this.user = user;
        this.token = token;
        this.link = link;
        this.media = new TunnelMedia(relay, this::sendFrame);
        this.connection = sip.open(remote, new ToAgent());
    }

    String user() {
        return user;
    }

    String token() {
        return token;
    }

    /** Runs once, when the flow ends for good. */
    void onClosed(Runnable action) {
        onClosed = action;
    }

    /** One SIP message from the agent. */
    void fromAgent(byte[] message) {
        media.fromAgent(message);
        connection.receive(message);
    }

    /** An RTP or RTCP frame from the agent. */
    void media(Frame frame) {
        media.media(frame);
    }

    int openChannels() {
        return media.openChannels();
    }

    /**
     * The connection {@code from} ended. Unless a newer connection took the flow over already, the flow is parked:
     * its bindings are dropped now, and it ends unless resumed within {@code window}.
     */
    synchronized void detach(Link from, ScheduledExecutorService timer, Duration window) {
        if (link != from || closed) {
            return;
        }
        link = null;
        connection.suspend();
        long parking = ++parkings;
        timer.schedule(() -> expire(parking), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void expire(long parking) {
        if (link == null && !closed && parking == parkings) {
            LOG.info("Tunnel flow of {} not resumed in time: its dialogs and media are let go", user);
            close();
        }
    }

    /**
     * {@code to} takes the flow over (a resumed login), closing the connection that had it, if any, and gets the
     * SIP held meanwhile.
     *
     * @return false if the flow has ended
     */
    synchronized boolean attach(Link to) {
        if (closed) {
            return false;
        }
        Link old = link;
        link = to;
        if (old != null) {
            old.close();
        }
        while (!held.isEmpty()) {
            byte[] message = held.poll();
            media.toAgent(message);
            to.send(Frame.sip(message));
        }
        return true;
    }

    /** Ends the flow: its media goes back to the relay sockets, its connection closes. Idempotent. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Link current = link;
        link = null;
        held.clear();
        media.close();
        connection.close();
        if (current != null) {
            current.close();
        }
        onClosed.run();
    }

    private void sendFrame(Frame frame) {
        Link current = link;
        if (current != null) {
            current.send(frame);
        }
    }

    /** The gateway's SIP for this flow, from SIP threads. */
    private final class ToAgent implements SipConnections.Peer {

        @Override
        public void send(byte[] message) {
            if (isKeepalive(message)) {
                return; // the tunnel's own pings keep it alive
            }
            synchronized (TunnelFlow.this) {
                if (closed) {
                    return;
                }
                Link current = link;
                if (current == null) {
                    if (held.size() == MAX_HELD) {
                        held.poll();
                    }
                    held.add(message);
                    return;
                }
                // Before the SIP: the agent must know a stream's channel when it sees the SDP naming the stream.
                media.toAgent(message);
                current.send(Frame.sip(message));
            }
        }

        @Override
        public void closed() {
            close();
        }

        private boolean isKeepalive(byte[] message) {
            for (byte b : message) {
                if (b != '\r' && b != '\n') {
                    return false;
                }
            }
            return true;
        }
    }
}
