package org.natterjack.sip.proxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.natterjack.net.Flow;
import org.natterjack.sip.transport.SipSocket;

/**
 * An answered call as this proxy sits in it: for each party, what a request to it needs (its address and
 * tag, its Contact, the Route entries beyond us, the flow to the next hop), so that the gateway can send
 * the BYEs itself when the media has died.
 */
record CallDialog(String callId, Party caller, Party callee) {

    /**
     * One end of the dialog.
     *
     * @param address the party's name-addr (From of the INVITE, To of the 2xx)
     * @param tag its tag
     * @param contact its Contact, the Request-URI of requests to it
     * @param route the Route entries beyond us towards it, in the order to send them
     * @param flow the flow to the next hop towards it, if one must be used (NAT, a chosen server)
     * @param socket our socket facing it
     */
    record Party(Address address, String tag, URI contact, List<Address> route, Optional<Flow> flow, SipSocket socket) {
    }

    /**
     * The dialog the 2xx {@code ok} to {@code invite} establishes.
     *
     * @param isOurs recognises our own Record-Route entries in the 2xx
     */
    static CallDialog of(Request invite, Flow callerFlow, SipSocket callerSocket, Response ok, Target callee,
                         Predicate<URI> isOurs) {
        List<Address> above = new ArrayList<>();
        List<Address> below = new ArrayList<>();
        boolean passedOurs = false;
        for (var it = ok.getHeaders(RecordRouteHeader.NAME); it.hasNext(); ) {
            Address entry = (Address) ((RecordRouteHeader) it.next()).getAddress().clone();
            if (isOurs.test(entry.getURI())) {
                passedOurs = true;
            } else if (passedOurs) {
                below.add(entry);
            } else {
                above.add(entry);
            }
        }
        if (!passedOurs) {
            // Without our entries (a callee that dropped Record-Route) the others cannot be placed.
            above.clear();
            below.clear();
        }
        // The caller's route set is the Record-Route list reversed (RFC 3261 12.1.2): beyond us towards the
        // callee come the entries above ours, nearest first. Towards the caller, those below ours, in order.
        Collections.reverse(above);
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
        Party caller = new Party((Address) from.getAddress().clone(), from.getTag(), contactOf(invite),
                List.copyOf(below), Optional.of(callerFlow), callerSocket);
        Party calleeParty = new Party((Address) to.getAddress().clone(), to.getTag(), contactOf(ok),
                List.copyOf(above), callee.flow(), callee.socket());
        return new CallDialog(((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(), caller, calleeParty);
    }

    private static URI contactOf(Message message) {
        if (message.getHeader(ContactHeader.NAME) instanceof ContactHeader contact) {
            return (URI) contact.getAddress().getURI().clone();
        }
        throw new IllegalArgumentException("no Contact in " + (message instanceof Request r ? r.getMethod()
                : Integer.toString(((Response) message).getStatusCode())));
    }
}
