package org.natterjack.sip.transport;

import java.text.ParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.net.Flow;
import org.natterjack.net.IpLiteral;

/**
 * Requests the gateway originates itself (keepalive OPTIONS), sent over a given {@link Flow} from the
 * socket the flow belongs to. Outcomes come back through {@link Outcome}, from the stack's threads.
 */
public final class SipClient {

    /** How a request ended: a final response (any status proves the client reachable) or no answer. */
    public interface Outcome {
        void answered(int status);

        void failed(String why);
    }

    /**
     * T1 for our OPTIONS: the transaction gives up after 64 x T1, so an unanswered keepalive is noticed after
     * 16 s instead of the default 32 s; a client that is still there answers within milliseconds.
     */
    private static final int OPTIONS_T1_MILLIS = 250;

    private final SipTransport transport;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;

    public SipClient(SipTransport transport) throws PeerUnavailableException {
        this.transport = transport;
        this.messages = transport.messageFactory();
        this.headers = transport.headerFactory();
        this.addresses = transport.addressFactory();
    }

    /**
     * Sends an OPTIONS for {@code requestUri} over {@code flow}; {@code outcome} hears of the result.
     *
     * @throws SipException if the request could not even be sent
     */
    public void sendOptions(Flow flow, String requestUri, Outcome outcome) throws SipException {
        SipSocket socket = transport.socketFor(flow);
        try {
            URI target = addresses.createURI(requestUri);
            String host = IpLiteral.uriHost(socket.advertised());
            Address from = addresses.createAddress("sip:natterjack@" + host);
            ViaHeader via = headers.createViaHeader(host, socket.local().getPort(), flow.transport().sipName(), null);
            via.setRPort();
            CallIdHeader callId = socket.provider().getNewCallId();
            CSeqHeader cseq = headers.createCSeqHeader(1L, Request.OPTIONS);
            FromHeader fromHeader = headers.createFromHeader(from, Long.toHexString(ThreadLocalRandom.current().nextLong()));
            ToHeader to = headers.createToHeader(addresses.createAddress(target), null);
            MaxForwardsHeader maxForwards = headers.createMaxForwardsHeader(70);
            Request request = messages.createRequest(target, Request.OPTIONS, callId, cseq, fromHeader, to,
                    List.of(via), maxForwards);
            FlowRouter.sendOver(request, flow);
            ClientTransaction tx = socket.provider().getNewClientTransaction(request);
            tx.setRetransmitTimer(OPTIONS_T1_MILLIS);
            tx.setApplicationData(outcome);
            tx.sendRequest();
        } catch (ParseException | InvalidArgumentException e) {
            throw new SipException("cannot build OPTIONS for " + requestUri + ": " + e.getMessage(), e);
        }
    }

    /** Routes a response to the request's {@link Outcome}; for the dispatcher. */
    public static void deliver(ClientTransaction tx, Response response) {
        if (tx != null && tx.getApplicationData() instanceof Outcome outcome && response.getStatusCode() >= 200) {
            outcome.answered(response.getStatusCode());
        }
    }

    /** Reports a transaction timeout to the request's {@link Outcome}; for the dispatcher. */
    public static void timedOut(ClientTransaction tx) {
        if (tx != null && tx.getApplicationData() instanceof Outcome outcome) {
            outcome.failed("no response");
        }
    }
}
