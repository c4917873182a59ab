package org.natterjack.capture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.natterjack.net.MessageTap;
import org.natterjack.net.Transport;

/**
 * The SIP messages of the recent past, every one the transport received or sent, within a memory budget: the
 * oldest go first. A call's ladder and pcap are read from here by Call-ID.
 */
public final class CaptureRing implements MessageTap, SipCapture {

    private final long budgetBytes;
    private final InetAddress advertised;
    private final Clock clock;
    private final Consumer<CapturedMessage> also;
    private final Deque<CapturedMessage> messages = new ArrayDeque<>();
    private long usedBytes;

    /**
     * @param advertised the gateway's address, shown for messages on a socket bound to the wildcard address
     * @param also told of each message too (the HEP sender), on the transport's thread
     */
    public CaptureRing(long budgetBytes, InetAddress advertised, Clock clock,
                       Consumer<CapturedMessage> also) {
        this.budgetBytes = budgetBytes;
        this.advertised = advertised;
        this.clock = clock;
        this.also = also;
    }

    @Override
    public void tapped(boolean sent, Transport transport, InetSocketAddress local, InetSocketAddress remote,
                       byte[] octets) {
        if (octets.length == 0 || !Character.isLetter(octets[0])) {
            return; // keepalives (CRLF), STUN
        }
        InetSocketAddress shown = local.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(advertised, local.getPort()) : local;
        CapturedMessage message = new CapturedMessage(clock.instant(), sent, transport, shown, remote,
                SipHeads.callId(octets), octets);
        synchronized (messages) {
            messages.addLast(message);
            usedBytes += message.footprint();
            while (usedBytes > budgetBytes && !messages.isEmpty()) {
                usedBytes -= messages.removeFirst().footprint();
            }
        }
        also.accept(message);
    }

    @Override
    public List<CapturedMessage> ofCall(String callId) {
        List<CapturedMessage> found = new ArrayList<>();
        synchronized (messages) {
            for (CapturedMessage m : messages) {
                if (m.callId().equals(callId)) {
                    found.add(m);
                }
            }
        }
        return found;
    }

    /** How many messages are kept, and the memory they take. */
    @Override
    public Usage usage() {
        synchronized (messages) {
            return new Usage(messages.size(), usedBytes, budgetBytes, messages.isEmpty() ? null
                    : messages.peekFirst().time());
        }
    }

    /** @param oldest when the oldest kept message crossed the wire; null when none is kept */
    public record Usage(int messages, long usedBytes, long budgetBytes, java.time.Instant oldest) {
    }
}
