package org.natterjack.sip.transport;

import java.util.ListIterator;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.message.Request;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.DefaultRouter;
import gov.nist.javax.sip.stack.HopImpl;
import org.natterjack.net.Flow;

/**
 * Next-hop selection for requests the gateway originates. A request carrying a {@link Flow} as
 * application data goes to that flow's remote address (the NAT's public side, or the TCP connection),
 * whatever its Request-URI says; all others follow RFC 3261 rules (Route, then Request-URI).
 *
 * <p>Installed through the {@code javax.sip.ROUTER_PATH} stack property, hence the constructor signature.
 */
public final class FlowRouter implements Router {

    private final DefaultRouter standard;

    public FlowRouter(SipStack sipStack, String outboundProxy) {
        this.standard = new DefaultRouter(sipStack, outboundProxy);
    }

    /** Marks {@code request} to be sent over {@code flow}. */
    static void sendOver(Request request, Flow flow) {
        ((SIPMessage) request).setApplicationData(flow);
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request instanceof SIPMessage message && message.getApplicationData() instanceof Flow flow) {
            return new HopImpl(flow.remote().getAddress().getHostAddress(), flow.remote().getPort(),
                    flow.transport().sipName());
        }
        return standard.getNextHop(request);
    }

    @Override
    public Hop getOutboundProxy() {
        return standard.getOutboundProxy();
    }

    @Override
    @SuppressWarnings("deprecation")
    public ListIterator<?> getNextHops(Request request) {
        return standard.getNextHops(request);
    }
}
