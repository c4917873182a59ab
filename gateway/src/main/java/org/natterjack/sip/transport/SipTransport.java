package org.natterjack.sip.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sip.ListeningPoint;
import javax.sip.PeerUnavailableException;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import gov.nist.javax.sip.ListeningPointExt;
import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import org.natterjack.config.Cidr;
import org.natterjack.config.ListenAddress;
import org.natterjack.config.SipSettings;
import org.natterjack.config.WebSocketSettings;
import org.natterjack.metrics.SipMeters;
import org.natterjack.net.Flow;
import org.natterjack.net.MessageTap;
import org.natterjack.net.SipConnections;
import org.natterjack.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the JAIN-SIP stack: one UDP and one TCP listening point per configured address, each with its own
 * provider, so that a request to a client can leave from exactly the socket the client's packets reached
 * (a NAT only lets in packets from the address and port it saw).
 *
 * <p>Everything above this package deals in {@link Flow}s and {@link SipSocket}s, not listening points.
 */
public final class SipTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class);

    private final SipStack stack;
    private final SipFactory factory;
    private final AnswerCache answers = new AnswerCache(java.time.Clock.systemUTC());
    private final Map<SocketKey, SipSocket> sockets = new HashMap<>();

    private record SocketKey(Transport transport, InetSocketAddress local) {
    }

    private SipTransport(SipFactory factory, SipStack stack) {
        this.factory = factory;
        this.stack = stack;
    }

    /**
     * Creates the stack and binds every listen address over UDP and TCP, and the WebSocket listeners.
     *
     * @throws TransportException naming the address, port and transport that could not be bound
     */
    public static SipTransport start(SipSettings settings, WebSocketSettings websocket, InetAddress advertised,
                                     List<Cidr> rateLimitExempt) {
        checkKeystore(websocket);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack;
        try {
            stack = new TransportStack(stackProperties(settings, websocket, rateLimitExempt));
        } catch (PeerUnavailableException e) {
            throw new TransportException("cannot create the SIP stack: " + e.getMessage(), e);
        }
        SipTransport transport = new SipTransport(factory, stack);
        transport.valve(RetransmissionValve.class).use(transport.answers);
        transport.overloadValve().use(transport.answers);
        try {
            for (ListenAddress listen : settings.listen()) {
                for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
                    transport.bind(listen, t, listen.isWildcard() ? advertised : listen.address());
                }
            }
            for (WebSocketSettings.Listener ws : websocket.listen()) {
                ListenAddress listen = ws.address();
                transport.bind(listen, ws.secure() ? Transport.WSS : Transport.WS,
                        listen.isWildcard() ? advertised : listen.address());
            }
        } catch (TransportException e) {
            transport.close();
            throw e;
        }
        return transport;
    }

    /** The RI only logs a keystore it cannot read, and its wss:// listener then fails obscurely: check first. */
    private static void checkKeystore(WebSocketSettings websocket) {
        if (websocket.keystore().isEmpty()) {
            return;
        }
        Path file = websocket.keystore().get();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance("PKCS12").load(in, websocket.keystorePassword().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new TransportException("websocket.keystore: cannot read " + file + " as PKCS#12 with its password: "
                    + e.getMessage(), e);
        }
    }

    private void bind(ListenAddress listen, Transport transport, InetAddress advertised) {
        String host = listen.address().getHostAddress();
        try {
            ListeningPoint lp = stack.createListeningPoint(host, listen.port(), transport.sipName());
            SipProvider provider = stack.createSipProvider(lp);
            InetSocketAddress local = new InetSocketAddress(listen.address(), listen.port());
            sockets.put(new SocketKey(transport, local),
                    new SipSocket(transport, local, advertised, provider, (ListeningPointExt) lp));
            LOG.info("Listening for SIP on {}/{}", listen, transport.sipName());
        } catch (Exception e) {
            if (isBindFailure(e)) {
                throw new TransportException("cannot listen on " + listen + "/" + transport.sipName()
                        + ": port " + listen.port() + " is in use or the address is not on this host", e);
            }
            throw new TransportException("cannot listen on " + listen + "/" + transport.sipName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /** Delivers every incoming message and transaction event to {@code listener}. */
    public void setListener(SipListener listener) {
        try {
            for (SipSocket socket : sockets.values()) {
                socket.provider().addSipListener(listener);
            }
        } catch (TooManyListenersException e) {
            throw new IllegalStateException("a listener is already set", e);
        }
    }

    /** Changes the flood valve's limit per source and its exempt sources for the following requests. */
    public void limitSources(int requestsPerSecond, List<Cidr> exempt) {
        ((SIPTransactionStack) stack).sipMessageValves.stream().filter(FloodValve.class::isInstance)
                .map(FloodValve.class::cast).forEach(v -> v.update(requestsPerSecond, exempt));
    }

    /** Changes the queueing delay above which new calls are refused with 503; see {@link OverloadValve}. */
    public void limitQueueDelay(int milliseconds) {
        overloadValve().update(milliseconds);
    }

    /** New calls refused with 503 since start because the gateway was overloaded. */
    public long callsRefusedOverloaded() {
        return overloadValve().shedCount();
    }

    /** Counts the messages that arrive and leave, and the requests the flood guard drops, in {@code meters}. */
    public void meter(SipMeters meters) {
        valve(MeteringValve.class).use(meters);
        valve(FloodValve.class).use(meters);
        tap(new SentMeter(meters));
    }

    /** Messages no parser could read, since start. */
    public static long parseFailures() {
        return GuardedMessageParser.failures();
    }

    /** Shows {@code tap} every SIP message received and sent, as the octets on the wire. */
    public void tap(MessageTap tap) {
        ((TransportStack) stack).addTap(tap);
    }

    /** Runs {@code then} for each new call refused with 503 because the gateway was overloaded. */
    public void onCallRefusedOverloaded(Runnable then) {
        overloadValve().onCallShed(then);
    }

    private OverloadValve overloadValve() {
        return valve(OverloadValve.class);
    }

    private <V> V valve(Class<V> type) {
        return ((SIPTransactionStack) stack).sipMessageValves.stream().filter(type::isInstance)
                .map(type::cast).findFirst().orElseThrow();
    }

    /** The answers to REGISTERs of the last seconds, for their retransmissions; see {@link AnswerCache}. */
    AnswerCache answers() {
        return answers;
    }

    /**
     * Hands responses without a transaction and CANCELs (RFC 3261 branches only) to {@code handler} instead of
     * the listener; see {@link BranchMatchValve}.
     */
    public void setBranchMatchHandler(BranchMatched handler) {
        BranchMatchValve valve = ((SIPTransactionStack) stack).sipMessageValves.stream()
                .filter(BranchMatchValve.class::isInstance).map(BranchMatchValve.class::cast)
                .findFirst().orElseThrow();
        valve.setHandler(new BranchMatchValve.Handler() {
            @Override
            public void strayResponse(Response response, MessageChannel channel) {
                try {
                    handler.onStrayResponse(response, socketOf(channel));
                } catch (RuntimeException e) {
                    LOG.error("Failed to handle stray response {}: {}", response.getStatusCode(), e.toString(), e);
                }
            }

            @Override
            public void cancel(Request cancel, Optional<ServerTransaction> invite, MessageChannel channel) {
                try {
                    handler.onCancel(cancel, invite, socketOf(channel));
                } catch (RuntimeException e) {
                    LOG.error("Failed to handle CANCEL: {}", e.toString(), e);
                }
            }
        });
    }

    private SipSocket socketOf(MessageChannel channel) {
        MessageProcessor processor = channel.getMessageProcessor();
        SipSocket socket = sockets.get(new SocketKey(Transport.of(processor.getTransport()),
                new InetSocketAddress(processor.getIpAddress(), processor.getPort())));
        if (socket == null) {
            throw new IllegalArgumentException("not one of our sockets: " + processor.getIpAddress() + ":"
                    + processor.getPort() + "/" + processor.getTransport());
        }
        return socket;
    }

    /** The socket a message arrived at, found from the provider that delivered it. */
    public SipSocket socketOf(SipProvider provider) {
        for (SipSocket socket : sockets.values()) {
            if (socket.provider() == provider) {
                return socket;
            }
        }
        throw new IllegalArgumentException("not one of our providers: " + provider);
    }

    /** The socket to send over {@code flow} from: the one the flow's packets arrived at. */
    public SipSocket socketFor(Flow flow) {
        SipSocket socket = sockets.get(new SocketKey(flow.transport(), flow.local()));
        if (socket == null) {
            throw new IllegalArgumentException("no local socket " + flow.local() + "/" + flow.transport().sipName()
                    + " for flow " + flow + " (the listen addresses changed since it was recorded)");
        }
        return socket;
    }

    public List<SipSocket> sockets() {
        return new ArrayList<>(sockets.values());
    }

    public MessageFactory messageFactory() throws PeerUnavailableException {
        return factory.createMessageFactory();
    }

    public HeaderFactory headerFactory() throws PeerUnavailableException {
        return factory.createHeaderFactory();
    }

    public AddressFactory addressFactory() throws PeerUnavailableException {
        return factory.createAddressFactory();
    }

    /**
     * Sends CRLFCRLF over the flow's connection (RFC 5626 keepalive).
     *
     * @throws IOException if the connection is gone: it is not opened again (the client is behind NAT, and
     *     RFC 5626 5.3 says a flow is never re-established by the proxy)
     */
    public void sendCrlfKeepalive(Flow flow) throws IOException {
        if (flow instanceof Flow.Connection connection && !isOpen(connection)) {
            throw new IOException("the connection of " + flow + " is closed");
        }
        socketFor(flow).listeningPoint().sendHeartbeat(flow.remote().getAddress().getHostAddress(),
                flow.remote().getPort());
    }

    /**
     * Tells {@code listener} about every TCP connection that closes, whichever side closed it, as the flow it was
     * (RFC 5626: a flow whose connection is gone is dead at once, not when its binding expires).
     */
    public void onConnectionClosed(Consumer<Flow.Connection> listener) {
        for (SipSocket socket : sockets.values()) {
            if (((ListeningPointImpl) socket.listeningPoint()).getMessageProcessor()
                    instanceof WatchedProcessor processor) {
                processor.onClosed(remote -> listener.accept(
                        new Flow.Connection(socket.transport(), socket.local(), remote)));
            }
        }
    }

    /**
     * Connections that plug-ins carry (tunnel sessions), opened on the first TCP socket.
     *
     * @throws TransportException if the gateway listens on no TCP socket
     */
    public SipConnections carriedConnections() {
        SipSocket tcp = sockets.values().stream().filter(s -> s.transport() == Transport.TCP).findFirst()
                .orElseThrow(() -> new TransportException("carried SIP connections need a TCP listen address", null));
        FramedTcpProcessor processor =
                (FramedTcpProcessor) ((ListeningPointImpl) tcp.listeningPoint()).getMessageProcessor();
        return (remote, peer) -> {
            CarriedChannel channel = new CarriedChannel(processor, tcp.local(), remote, peer);
            processor.attach(channel);
            return channel;
        };
    }

    /** True while the connection of {@code flow} is open (always true for a kind of connection we cannot see). */
    public boolean isOpen(Flow.Connection flow) {
        return !(((ListeningPointImpl) socketFor(flow).listeningPoint()).getMessageProcessor()
                instanceof WatchedProcessor processor) || processor.isConnected(flow.remote());
    }

    /**
     * Closes the connection of {@code flow} (RFC 5626: a flow replaced by a newer one of the same instance and
     * reg-id); false if it is gone already.
     */
    public boolean close(Flow.Connection flow) {
        var point = socketFor(flow).listeningPoint();
        return ((SIPTransactionStack) stack).closeReliableConnection(point.getIPAddress(), point.getPort(),
                flow.transport().sipName(), flow.remote().getAddress().getHostAddress(), flow.remote().getPort());
    }

    @Override
    public void close() {
        for (SipSocket socket : sockets.values()) {
            try {
                stack.deleteSipProvider(socket.provider());
            } catch (Exception e) {
                LOG.debug("Error deleting provider", e);
            }
        }
        stack.stop();
    }

    /**
     * Receive buffer asked for on each UDP socket. The RI asks for 64 KiB, which the kernel fills with about a hundred
     * small datagrams: at a few thousand messages per second that is 30 ms, less than one garbage collection pause, and
     * every datagram dropped costs a retransmission 500 ms later (bench/proxy measured p99 setup latency of 500 ms
     * at 500 calls/s because of it). The kernel caps the request at net.core.rmem_max.
     */
    static final int UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private static final AtomicInteger STACKS = new AtomicInteger();

    /**
     * Threads that take received UDP messages from the RI's queue and run them through the stack and handlers: one
     * per core (at least two). Nothing they run waits on I/O (DNS lookups are asynchronous, the store writes
     * behind), so more threads only add hand-offs and context switches: bench/proxy on 2 cores, 1,000 calls/s,
     * 0.418-0.443 CPU s per 1,000 calls with 2 threads against 0.489 with 8 (bench/proxy/README.md, session 11).
     */
    static final int WORKER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    static Properties stackProperties(SipSettings settings, WebSocketSettings websocket,
                                      List<Cidr> rateLimitExempt) {
        Properties p = new Properties();
        // A name per transport: the RI names its threads after it.
        p.setProperty("javax.sip.STACK_NAME", "natterjack-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        // The RI's NIO transport, with our framing in front of its TCP reader (see StreamFramer) and a UDP receive
        // loop that reuses its buffer (see ReusingUdpProcessor).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", ProcessorFactory.class.getName());
        // The RI's parser behind the checks it misses (version, repeated fields); see GuardedMessageParser.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", GuardedMessageParser.Factory.class.getName());
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // Completed transactions stay in the tables for up to 32 s (timer J); let them drop their parsed
        // messages. bench/proxy at 400 calls/s with Normal: live heap after GC 245 MB instead of 399 MB, longest
        // young pause 184 ms instead of 450 ms. Aggressive keeps no encoded copy to parse again (Normal encodes
        // each request at completion and parses it again at the end); retransmitted requests still get the
        // response's stored bytes. Whoever needs a request after its final response keeps what it needs: the proxy
        // its Vias (ProxyTransaction), the RI's RFC 2543 matching its fields (ReleasingServerTransaction).
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
        // Every live INVITE transaction ticks every 500 ms; a wheel runs each slot's timers in one wake-up instead
        // of one heap operation and wake-up per tick (see WheelSipTimer).
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", WheelSipTimer.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(WORKER_THREADS));
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        // Kamailio's force_rport: answer a client whose Via port differs from its source port at the source,
        // even if it did not ask with rport (a NATed client without RFC 3581 support is reachable no other way).
        p.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
        // Datagrams are read into buffers of this size; anything longer than our limit is refused by the valve.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65535");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UDP_RECEIVE_BUFFER_BYTES));
        // Counting first (what arrives, dropped or not), then the flood guard: a flooding source costs as little as
        // possible. Retransmitted REGISTERs are answered again before overload control would refuse them.
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE",
                MeteringValve.class.getName() + "," + FloodValve.class.getName() + ","
                        + MessageLimitsValve.class.getName() + ","
                        + RetransmissionValve.class.getName() + "," + OverloadValve.class.getName() + ","
                        + BranchMatchValve.class.getName());
        p.setProperty(OverloadValve.MAX_QUEUE_DELAY_MS, Integer.toString(settings.overloadQueueDelayMs()));
        p.setProperty(FloodValve.LIMIT, Integer.toString(settings.sourceRateLimit()));
        p.setProperty(FloodValve.EXEMPT, String.join(",", rateLimitExempt.stream().map(Object::toString).toList()));
        p.setProperty(MessageLimitsValve.MAX_BYTES, Integer.toString(settings.maxMessageBytes()));
        p.setProperty(MessageLimitsValve.MAX_HEADERS, Integer.toString(settings.maxHeaders()));
        // RFC 7118 clients write .invalid hosts in Via and Contact; the RI would put the connection's address there
        // instead, which hides that the client is reached only over its connection (a flow, like any NATed client).
        p.setProperty("gov.nist.javax.sip.PATCH_SIP_WEBSOCKETS_HEADERS", "false");
        websocket.keystore().ifPresent(file -> {
            p.setProperty("javax.net.ssl.keyStore", file.toString());
            p.setProperty("javax.net.ssl.keyStorePassword", websocket.keystorePassword());
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            // Browsers present no client certificate.
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        });
        return p;
    }
}
