package org.natterjack.sip.transport;

import gov.nist.core.HostPort;
import gov.nist.core.ThreadAuditor;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RI's UDP processor, receiving every datagram into one buffer instead of a fresh, zeroed 64 KiB array
 * per datagram (the RI's {@code run()}: about 384 MB/s of garbage at 1,000 calls/s, its memset alone 3.8 % of
 * the CPU in bench/proxy). Only the datagram's own length is copied out, into the array the worker threads
 * parse later; the queue, the worker threads and everything they do are the RI's.
 *
 * <p>What the RI's {@code run()} reads from the stack that this package cannot: the worker count (the stack
 * keeps it in a protected field) comes from {@code THREAD_POOL_SIZE} in the configuration, and must be set;
 * the stack's {@code udpFlag}, which makes replies leave from the listening socket instead of a fresh
 * ephemeral one, is package-private and set by {@link #markUdpInUse} through reflection (see there).
 *
 * <p>{@link OverloadValve} measures the age of the queue's head: each datagram is queued with the time
 * it was received, as the RI does.
 */
final class ReusingUdpProcessor extends UDPMessageProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ReusingUdpProcessor.class);
    private static final String THREAD_POOL_SIZE = "gov.nist.javax.sip.THREAD_POOL_SIZE";
    /** As the RI: after this many receive errors in a row, no more are logged until a datagram arrives. */
    private static final int MAX_ERRORS_REPORTED = 10;

    private final int workers;
    private final int bufferSize;
    private final String stackName;
    /** Receive errors since the last datagram; touched by the receive thread only. */
    private int errorsInARow;

    ReusingUdpProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        SipStackImpl impl = (SipStackImpl) stack;
        this.stackName = impl.getStackName();
        this.workers = workerCount(impl);
        int max = stack.getMaxMessageSize();
        this.bufferSize = max > 0 && max < SipStackImpl.MAX_DATAGRAM_SIZE ? max : SipStackImpl.MAX_DATAGRAM_SIZE;
    }

    private static int workerCount(SipStackImpl stack) throws IOException {
        String value = stack.getConfigurationProperties().getProperty(THREAD_POOL_SIZE);
        try {
            int n = value == null ? -1 : Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(ReusingUdpProcessor.class.getSimpleName() + " needs " + THREAD_POOL_SIZE
                + " set to a positive number, not " + value);
    }

    /**
     * The RI's receive loop with one buffer: workers are started first, then each datagram is copied out at
     * its own length and queued for them.
     */
    @Override
    public void run() {
        LinkedList<UDPMessageChannel> channels = new LinkedList<>();
        for (int i = 0; i < workers; i++) {
            channels.add(new Worker(sipStack, this, stackName + "-UDPMessageChannelThread-" + i));
        }
        this.messageChannels = channels;
        ThreadAuditor.ThreadHandle auditor = sipStack.getThreadAuditor() == null ? null
                : sipStack.getThreadAuditor().addCurrentThread();
        byte[] buffer = new byte[bufferSize];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                if (auditor != null) {
                    auditor.ping();
                }
                received.setLength(buffer.length);
                sock.receive(received);
                if (StunKeepalive.mayBeStun(buffer, received.getLength())) {
                    answerStun(received);
                    continue;
                }
                long now = System.currentTimeMillis();
                byte[] datagram = Arrays.copyOf(buffer, received.getLength());
                messageQueue.offer(new DatagramQueuedMessageDispatch(
                        new DatagramPacket(datagram, datagram.length, received.getAddress(), received.getPort()), now));
                errorsInARow = 0;
            } catch (SocketTimeoutException e) {
                // The thread auditor's socket timeout: loop to ping it.
            } catch (SocketException e) {
                if (!isRunning) {
                    return;
                }
                report(e);
            } catch (IOException | RuntimeException e) {
                report(e);
            }
        }
    }

    /**
     * A STUN keepalive (RFC 5626 4.4.2) is answered here on the receive thread: a few microseconds, once per
     * client every half minute or so. Anything else starting with a byte below 4 is no SIP message: dropped.
     */
    private void answerStun(DatagramPacket received) throws IOException {
        InetSocketAddress source = new InetSocketAddress(received.getAddress(), received.getPort());
        Optional<byte[]> answer = StunKeepalive.answer(received.getData(), received.getLength(), source);
        if (answer.isPresent()) {
            sock.send(new DatagramPacket(answer.get(), answer.get().length, source));
        }
    }

    private void report(Exception e) {
        if (errorsInARow >= MAX_ERRORS_REPORTED) {
            return;
        }
        errorsInARow++;
        LOG.warn("UDP receive on {}:{} failed ({}); receiving on{}", getIpAddress().getHostAddress(), getPort(),
                e.toString(), errorsInARow == MAX_ERRORS_REPORTED ? " without reporting more until a datagram arrives" : "");
    }

    /** Sends {@code octets} from this processor's socket (the listening one) to {@code address}:{@code port}. */
    void send(byte[] octets, InetAddress address, int port) throws IOException {
        sock.send(new DatagramPacket(octets, octets.length, address, port));
    }

    /** The RI's channel for sending, made ours so that {@link #send(Sending, Consumer)} sees the octets it sends. */
    @Override
    public MessageChannel createMessageChannel(HostPort target) throws UnknownHostException {
        return new Outgoing(target.getInetAddress(), target.getPort(), sipStack, this);
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress host, int port) {
        return new Outgoing(host, port, sipStack, this);
    }

    private static final ThreadLocal<Consumer<byte[]>> BEFORE_SEND = new ThreadLocal<>();

    /**
     * Runs {@code send}, handing the octets of each datagram it sends over UDP on this thread to {@code beforeSend}
     * before they leave: what a response looks like on the wire, without encoding it a second time, and known before
     * its peer can react to it.
     */
    static <E extends Exception> void send(Sending<E> send, Consumer<byte[]> beforeSend) throws E {
        BEFORE_SEND.set(beforeSend);
        try {
            send.run();
        } finally {
            BEFORE_SEND.remove();
        }
    }

    /** Something that sends. */
    interface Sending<E extends Exception> {
        void run() throws E;
    }

    /** The RI's UDP channel, showing what it sends to the tap; the RI sends from both methods. */
    private abstract static class Tapped extends UDPMessageChannel {
        Tapped(InetAddress target, int port, SIPTransactionStack stack, UDPMessageProcessor processor) {
            super(target, port, stack, processor);
        }

        Tapped(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
            super(stack, processor, threadName);
        }

        @Override
        protected void sendMessage(byte[] octets, InetAddress address, int port, String protocol, boolean retry)
                throws IOException {
            Taps.sent(this, octets, address, port);
            super.sendMessage(octets, address, port, protocol, retry);
        }

        @Override
        protected void sendMessage(byte[] octets, InetAddress address, int port, boolean retry) throws IOException {
            Taps.sent(this, octets, address, port);
            super.sendMessage(octets, address, port, retry);
        }
    }

    private static final class Outgoing extends Tapped {
        Outgoing(InetAddress target, int port, SIPTransactionStack stack, UDPMessageProcessor processor) {
            super(target, port, stack, processor);
        }

        @Override
        protected void sendMessage(byte[] octets, InetAddress address, int port, String protocol, boolean retry)
                throws IOException {
            Consumer<byte[]> beforeSend = BEFORE_SEND.get();
            if (beforeSend != null) {
                beforeSend.accept(octets);
            }
            super.sendMessage(octets, address, port, protocol, retry);
        }
    }

    /** A worker thread of the RI's; the subclass only reaches its constructor, which is protected. */
    private static final class Worker extends Tapped {
        Worker(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
            super(stack, processor, threadName);
        }
    }

    /**
     * Tells the stack that it has a UDP listening point, as the RI's own factories do when they make theirs: its
     * UDP channels then send from the listening socket (the address and port a NATed peer let in) instead of
     * opening an ephemeral socket per message. The flag is package-private in {@code SIPTransactionStack} and has
     * no setter; reflection works because the RI is on the class path (unnamed module, jar not sealed). The
     * alternative, a class of ours in the RI's package, would split the package. Fails at start, not later.
     */
    static void markUdpInUse(SIPTransactionStack stack) throws IOException {
        try {
            Field udpFlag = SIPTransactionStack.class.getDeclaredField("udpFlag");
            udpFlag.setAccessible(true);
            udpFlag.setBoolean(stack, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot tell the SIP stack that UDP is in use (SIPTransactionStack.udpFlag, "
                    + "RI 1.3.0-91): " + e, e);
        }
    }
}
