package org.natterjack.sip.transport;

import java.io.IOException;
import java.util.Iterator;
import java.util.ListIterator;
import javax.sip.SipStack;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import gov.nist.javax.sip.header.SIPHeaderList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import org.natterjack.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First check on every incoming request, before any transaction or application code sees it: size and
 * header-count limits, a top Via naming another transport than the one used, headers the parser could not
 * read, and the {@code received} Via parameter.
 *
 * <p>Violations are answered here (513 or 400 with a reason) and logged at debug level with their source;
 * the request goes no further. ACKs are never answered, only dropped.
 */
public final class MessageLimitsValve implements SIPMessageValve {

    /** Stack property carrying the largest accepted message in bytes. */
    static final String MAX_BYTES = "org.natterjack.MAX_MESSAGE_BYTES";
    /** Stack property carrying the most header fields a request may have. */
    static final String MAX_HEADERS = "org.natterjack.MAX_HEADERS";

    private static final Logger LOG = LoggerFactory.getLogger(MessageLimitsValve.class);

    private int maxBytes;
    private int maxHeaders;

    @Override
    public void init(SipStack stack) {
        var properties = ((gov.nist.javax.sip.SipStackImpl) stack).getConfigurationProperties();
        maxBytes = Integer.parseInt(properties.getProperty(MAX_BYTES));
        maxHeaders = Integer.parseInt(properties.getProperty(MAX_HEADERS));
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        int size = request.getSize() + (request.getContentLength() == null ? 0
                : request.getContentLength().getContentLength());
        if (size > maxBytes) {
            return refuse(request, channel, Response.MESSAGE_TOO_LARGE, "Message Too Large");
        }
        if (countHeaders(request) > maxHeaders) {
            return refuse(request, channel, Response.BAD_REQUEST, "Too Many Headers");
        }
        if (!request.getTopmostViaHeader().getTransport().equalsIgnoreCase(channel.getTransport())) {
            // RFC 3261 18.1.1: the top Via names the transport the request came over. Answers would go out over
            // the one it names, which this stack does not have (one stack per transport), failing at every try.
            return refuse(request, channel, Response.BAD_REQUEST, "Via Transport Is Not The One Used");
        }
        ListIterator<String> unparsed = request.getUnrecognizedHeaders();
        if (unparsed.hasNext()) {
            String header = unparsed.next();
            String name = header.contains(":") ? header.substring(0, header.indexOf(':')).trim() : header;
            return refuse(request, channel, Response.BAD_REQUEST, "Malformed " + truncate(name) + " Header");
        }
        addReceived(request, channel);
        return true;
    }

    /** RFC 3581 and RFC 3261 18.2.1: record the packet source in the top Via, always. */
    private static void addReceived(SIPRequest request, MessageChannel channel) {
        ViaHeader via = request.getTopmostViaHeader();
        if (via.getReceived() == null && channel.getPeerPacketSourceAddress() != null) {
            try {
                via.setReceived(channel.getPeerPacketSourceAddress().getHostAddress());
            } catch (java.text.ParseException e) {
                LOG.debug("Could not set received on Via {}", via, e);
            }
        }
    }

    private static int countHeaders(SIPRequest request) {
        int count = 0;
        for (Iterator<?> it = request.getHeaders(); it.hasNext(); ) {
            count += it.next() instanceof SIPHeaderList<?> list ? list.size() : 1;
        }
        return count;
    }

    private static boolean refuse(SIPRequest request, MessageChannel channel, int status, String reason) {
        LOG.debug("Refusing {} from {}:{} with {} {}", request.getMethod(), channel.getPeerAddress(),
                channel.getPeerPort(), status, reason);
        if (!Request.ACK.equals(request.getMethod())) {
            SIPResponse response = Responses.refusal(request, status, reason);
            try {
                SourceReply.send(response, channel);
            } catch (IOException e) {
                LOG.debug("Could not send {} to {}:{}", status, channel.getPeerAddress(), channel.getPeerPort(), e);
            }
        }
        return false;
    }

    private static String truncate(String name) {
        String printable = name.replaceAll("[^A-Za-z0-9-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) : printable;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
        // Nothing held.
    }
}
