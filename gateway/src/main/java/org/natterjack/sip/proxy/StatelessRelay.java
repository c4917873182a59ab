package org.natterjack.sip.proxy;

import java.util.Optional;
import java.util.function.Predicate;
import javax.sip.SipException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;
import org.natterjack.net.IpLiteral;
import org.natterjack.net.Transport;
import org.natterjack.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses that match no transaction of ours (2xx retransmissions after the INVITE transaction ended):
 * relayed statelessly to the next Via, but only if the top Via is ours (RFC 3261 18.1.2: otherwise the
 * response is discarded silently) and never to a broadcast or multicast address (RFC 4475 3.3.10). Without
 * these checks anyone could have the gateway send a response anywhere, a broadcast address included.
 */
public final class StatelessRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StatelessRelay.class);

    private final SipTransport transport;

    public StatelessRelay(SipTransport transport) {
        this.transport = transport;
    }

    /** Sends a response {@link #upstream} made, from a socket of the transport its top Via names. */
    void send(Response upstream) {
        Transport t = Transport.of(((ViaHeader) upstream.getHeader(ViaHeader.NAME)).getTransport());
        transport.sockets().stream().filter(s -> s.transport() == t).findFirst().ifPresent(socket -> {
            try {
                socket.provider().sendResponse(upstream);
            } catch (SipException e) {
                LOG.debug("Could not relay {}: {}", upstream.getStatusCode(), e.toString());
            }
        });
    }

    /**
     * {@code response} without our top Via, to be sent to the next one; empty if it must be dropped.
     *
     * @param ours whether a Via carries one of the sent-by values this gateway writes
     */
    static Optional<Response> upstream(Response response, Predicate<ViaHeader> ours) {
        ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (top == null || !ours.test(top)) {
            LOG.debug("Dropping a {} whose top Via {} is not ours", response.getStatusCode(), top);
            return Optional.empty();
        }
        Response upstream = (Response) response.clone();
        upstream.removeFirst(ViaHeader.NAME);
        if (!(upstream.getHeader(ViaHeader.NAME) instanceof ViaHeader next)) {
            return Optional.empty();
        }
        if (isBroadcastOrMulticast(next.getReceived()) || isBroadcastOrMulticast(next.getHost())) {
            LOG.debug("Dropping a {} for the broadcast or multicast Via {}", response.getStatusCode(), next);
            return Optional.empty();
        }
        return Optional.of(upstream);
    }

    /** Only IP literals are judged; a name is resolved by the stack later and cannot be checked here. */
    private static boolean isBroadcastOrMulticast(String host) {
        return IpLiteral.parseHost(host)
                .map(a -> a.isMulticastAddress() || "255.255.255.255".equals(a.getHostAddress()))
                .orElse(false);
    }
}
