package org.natterjack.tunnel.agent;

import gov.nist.javax.sip.header.AuthenticationHeader;
import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sip.SipException;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the applications again as soon as a new tunnel is up, instead of leaving them unreachable until their
 * own refresh (often an hour away): the agent keeps each application's last REGISTER and sends it again over the new
 * tunnel, in a dialog of its own (its own Call-ID and CSeq, so the application's next refresh is not refused as out
 * of order), answering the gateway's digest challenge with the user's credentials. The same +sip.instance and reg-id
 * make the new binding replace the old one (RFC 5626). Confined to the agent's event loop thread.
 */
final class ReRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(ReRegistrar.class);
    static final String BRANCH_PREFIX = "z9hG4bK-nja-r-";

    private final String user;
    private final String password;
    private final Consumer<byte[]> toTunnel;
    /** By application contact: the REGISTER to send again, with no Via and no credentials. */
    private final Map<String, Entry> registrations = new LinkedHashMap<>();
    private final Map<String, Entry> pending = new HashMap<>();

    private static final class Entry {
        final SIPRequest template;
        final String callId = "nja-" + UUID.randomUUID() + "@agent.invalid";
        long cseq;
        boolean answered;

        Entry(SIPRequest template) {
            this.template = template;
        }
    }

    ReRegistrar(String user, String password, Consumer<byte[]> toTunnel) {
        this.user = user;
        this.password = password;
        this.toTunnel = toTunnel;
    }

    /** An application's REGISTER on its way to the gateway (before the agent's Via is added). */
    void remember(SIPRequest register) {
        var contacts = register.getContactHeaders();
        if (contacts == null || contacts.isEmpty()) {
            return; // a query: nothing to restore
        }
        String key = register.getTo().getAddress().getURI() + " " + contacts.encode();
        ExpiresHeader expires = register.getExpires();
        if (expires != null && expires.getExpires() == 0) {
            registrations.remove(key);
            return;
        }
        SIPRequest template = (SIPRequest) register.clone();
        template.removeHeader(Via.NAME);
        template.removeHeader(AuthorizationHeader.NAME);
        template.removeHeader(ProxyAuthorizationHeader.NAME);
        Entry old = registrations.get(key);
        registrations.put(key, new Entry(template));
        if (old != null) {
            registrations.get(key).cseq = old.cseq;
        }
    }

    /** The tunnel is up again: every remembered registration is sent once more. */
    void replayAll() {
        pending.clear();
        for (Entry entry : registrations.values()) {
            entry.answered = false;
            send(entry, null);
        }
        if (!registrations.isEmpty()) {
            LOG.info("Tunnel: registering {} application contact(s) again", registrations.size());
        }
    }

    /** True if {@code response} answers one of the agent's own REGISTERs (and was handled here). */
    boolean onResponse(SIPResponse response) {
        Via top = response.getTopmostVia();
        if (top == null || top.getBranch() == null || !top.getBranch().startsWith(BRANCH_PREFIX)) {
            return false;
        }
        Entry entry = pending.remove(top.getBranch());
        if (entry == null || response.getStatusCode() < 200) {
            if (entry != null) {
                pending.put(top.getBranch(), entry);
            }
            return true;
        }
        int status = response.getStatusCode();
        if ((status == 401 || status == 407) && !entry.answered) {
            entry.answered = true;
            AuthenticationHeader challenge = (AuthenticationHeader) response.getHeader(
                    status == 401 ? WWWAuthenticateHeader.NAME : ProxyAuthenticateHeader.NAME);
            if (challenge != null) {
                DigestAnswer.answer(challenge, status == 407, SIPRequest.REGISTER,
                        entry.template.getRequestURI().toString(), user, password, UUID.randomUUID().toString())
                        .ifPresent(credentials -> send(entry, credentials));
                return true;
            }
        }
        if (status < 300) {
            LOG.info("Tunnel: registered {} again", entry.template.getTo().getAddress().getURI());
        } else {
            LOG.warn("Tunnel: registering {} again failed: {} {}", entry.template.getTo().getAddress().getURI(),
                    status, response.getReasonPhrase());
        }
        return true;
    }

    private void send(Entry entry, AuthenticationHeader credentials) {
        SIPRequest register = (SIPRequest) entry.template.clone();
        try {
            CallID callId = new CallID();
            callId.setCallId(entry.callId);
            register.setHeader(callId);
            CSeq cseq = new CSeq(++entry.cseq, SIPRequest.REGISTER);
            register.setHeader(cseq);
            if (credentials != null) {
                register.setHeader(credentials);
            }
            Via via = new Via();
            via.setHost(SipRelay.SENT_BY);
            via.setTransport("TCP");
            String branch = BRANCH_PREFIX + UUID.randomUUID().toString().replace("-", "");
            via.setBranch(branch);
            register.addFirst(via);
            pending.put(branch, entry);
            toTunnel.accept(register.encodeAsBytes("TCP"));
        } catch (ParseException | SipException | RuntimeException e) {
            LOG.warn("Tunnel: cannot register {} again: {}", entry.template.getTo().getAddress().getURI(),
                    e.toString());
        }
    }
}
