package org.natterjack.sip;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.net.Flow;
import org.natterjack.sip.inspect.RequestInspection.Refusal;
import org.natterjack.sip.inspect.RequestInspection.Role;
import org.natterjack.sip.inspect.RequestInspection;
import org.natterjack.sip.proxy.Proxy;
import org.natterjack.sip.registrar.RegisterHandler;
import org.natterjack.sip.transport.Replies;
import org.natterjack.sip.transport.SipClient;
import org.natterjack.sip.transport.SipSocket;
import org.natterjack.sip.transport.SipTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every SIP event: finds the flow a request arrived on and hands it to the handler for its
 * method. No exception escapes to the stack: a failure is logged and answered 500.
 */
public final class SipDispatcher implements SipListener {

    private static final Logger LOG = LoggerFactory.getLogger(SipDispatcher.class);

    /** Methods the gateway handles today; advertised in Allow. */
    static final List<String> ALLOWED = List.of(Request.REGISTER, Request.OPTIONS);

    private final SipTransport transport;
    private final RegisterHandler register;
    private final Proxy proxy;
    private final Replies replies;
    private final List<Header> capabilities;

    public SipDispatcher(SipTransport transport, RegisterHandler register, Proxy proxy, Replies replies) {
        this.transport = transport;
        this.register = register;
        this.proxy = proxy;
        this.replies = replies;
        this.capabilities = capabilities(replies.headers());
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        SipSocket socket = transport.socketOf((SipProvider) event.getSource());
        try {
            Flow flow = socket.arrivalFlow(request);
            if (Request.REGISTER.equals(request.getMethod())) {
                register.handle(request, socket, flow);
            } else if (proxy.isForUs(request)) {
                answerForUs(request, socket);
            } else {
                proxy.onRequest(event, socket, flow);
            }
        } catch (SipException | RuntimeException e) {
            LOG.error("Failed to handle {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString(), e);
            replies.send(socket, request, Response.SERVER_INTERNAL_ERROR, List.of());
        }
    }

    /** Requests to the gateway itself (no user part, one of our addresses or domains): it is their UAS. */
    private void answerForUs(Request request, SipSocket socket) {
        switch (request.getMethod()) {
            case Request.OPTIONS -> {
                Optional<Refusal> refusal = RequestInspection.uriScheme(request, Role.USER_AGENT_SERVER)
                        .or(() -> RequestInspection.extensions(request, Role.USER_AGENT_SERVER));
                if (refusal.isPresent()) {
                    replies.send(socket, request, refusal.get().status(), refusal.get().headers(replies.headers()));
                } else {
                    replies.send(socket, request, Response.OK, capabilities);
                }
            }
            case Request.CANCEL ->
                    replies.send(socket, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, List.of());
            case Request.ACK -> {
                // Nothing to acknowledge: the gateway answers its own requests statelessly.
            }
            default -> replies.send(socket, request, Response.METHOD_NOT_ALLOWED, capabilities.subList(0, ALLOWED.size()));
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            if (event.getClientTransaction() != null
                    && event.getClientTransaction().getApplicationData() instanceof SipClient.Outcome) {
                SipClient.deliver(event.getClientTransaction(), event.getResponse());
            } else {
                proxy.onResponse(event);
            }
        } catch (RuntimeException e) {
            LOG.error("Failed to handle response {}: {}", event.getResponse().getStatusCode(), e.toString(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        if (event.getClientTransaction().getApplicationData() instanceof SipClient.Outcome) {
            SipClient.timedOut(event.getClientTransaction());
        } else {
            proxy.onTimeout(event);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("I/O error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // Nothing is kept per transaction.
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // The gateway keeps no dialogs in the stack.
    }

    /** Allow, Accept and Supported: what an OPTIONS to the gateway reports (RFC 3261 section 11.2). */
    private static List<Header> capabilities(HeaderFactory headers) {
        try {
            List<Header> result = new java.util.ArrayList<>();
            for (String method : ALLOWED) {
                result.add(headers.createAllowHeader(method));
            }
            result.add(headers.createAcceptHeader("application", "sdp"));
            for (String tag : RequestInspection.SUPPORTED.stream().sorted().toList()) {
                result.add(headers.createSupportedHeader(tag));
            }
            return List.copyOf(result);
        } catch (ParseException e) {
            throw new IllegalStateException("capability headers did not parse", e);
        }
    }
}
