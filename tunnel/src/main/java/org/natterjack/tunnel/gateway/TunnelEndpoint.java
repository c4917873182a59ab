package org.natterjack.tunnel.gateway;

import org.natterjack.plugin.GatewayContext;
import org.natterjack.tunnel.api.TunnelStatus;
import org.natterjack.tunnel.carrier.EventLoops;
import org.natterjack.tunnel.login.ChannelBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The tunnel's running part: the listener agents log in to, and their sessions and flows. */
final class TunnelEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelEndpoint.class);

    private final TunnelServer server;
    private final TunnelFlows flows;
    private final TunnelSessions sessions;
    private final String listen;
    private final String fingerprint;

    private TunnelEndpoint(TunnelServer server, TunnelFlows flows, TunnelSessions sessions, String listen,
                           String fingerprint) {
        this.server = server;
        this.flows = flows;
        this.sessions = sessions;
        this.listen = listen;
        this.fingerprint = fingerprint;
    }

    /** @throws Exception when the certificate cannot be read or made, or the address cannot be listened on */
    static TunnelEndpoint start(GatewayContext context, TunnelSettings settings) throws Exception {
        TunnelCertificate certificate = TunnelCertificate.load(settings, context.dataDir().resolve(TunnelPlugin.NAME));
        TunnelFlows flows = new TunnelFlows();
        TunnelSessions sessions = new TunnelSessions();
        GatewaySession.Shared shared = new GatewaySession.Shared(settings, context.sipCredentials(),
                context.sipConnections(), context.mediaCarriers(),
                ChannelBinding.serverEndPoint(certificate.certificate()), sessions, flows);
        TunnelServer server = TunnelServer.start(settings.listen().socketAddress(), certificate, shared);
        LOG.info("Tunnel listening on {} (wss, path {}, {}), certificate SHA-256 fingerprint {}", server.address(),
                TunnelServer.PATH, EventLoops.name(), certificate.fingerprint());
        return new TunnelEndpoint(server, flows, sessions, settings.listen().toString(),
                certificate.fingerprint().toString());
    }

    /** Agents logged in now. */
    int sessions() {
        return sessions.count();
    }

    TunnelStatus status() {
        return new TunnelStatus(true, listen, fingerprint, sessions.list());
    }

    /** Stops listening and ends every session and parked flow: their bindings go, their calls lose media. */
    @Override
    public void close() {
        server.close();
        flows.closeAll();
    }
}
