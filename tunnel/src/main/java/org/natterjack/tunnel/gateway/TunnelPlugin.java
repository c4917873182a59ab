package org.natterjack.tunnel.gateway;

import java.util.List;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.natterjack.tunnel.agent.AgentCommand;
import org.natterjack.tunnel.api.TunnelApi;
import org.natterjack.tunnel.api.TunnelStatus;
import org.natterjack.tunnel.login.ChannelBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tunnel endpoint as a gateway plug-in ({@code plugins.tunnel}, off unless enabled): agents log in over
 * WebSocket and TLS, and their SIP enters the gateway as carried connections. Also contributes
 * {@code natterjack agent}, the other end.
 */
public final class TunnelPlugin implements GatewayPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelPlugin.class);
    static final String NAME = "tunnel";

    private TunnelServer server;
    private TunnelFlows flows;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(GatewayContext context) throws Exception {
        TunnelSettings settings = context.settings(TunnelSettings.class);
        if (!settings.enabled()) {
            LOG.info("Tunnel off (plugins.tunnel.enabled: true turns it on)");
            context.publish(TunnelApi.class, TunnelStatus::off);
            return;
        }
        TunnelCertificate certificate = TunnelCertificate.load(settings, context.dataDir().resolve(NAME));
        flows = new TunnelFlows();
        TunnelSessions sessions = new TunnelSessions();
        GatewaySession.Shared shared = new GatewaySession.Shared(settings, context.sipCredentials(),
                context.sipConnections(), context.mediaCarriers(),
                ChannelBinding.serverEndPoint(certificate.certificate()),
                sessions, flows);
        server = TunnelServer.start(settings.listen().socketAddress(), certificate, shared);
        LOG.info("Tunnel listening on {} (wss, path {}), certificate SHA-256 fingerprint {}", server.address(),
                TunnelServer.PATH, certificate.fingerprint());
        String listen = settings.listen().toString();
        String fingerprint = certificate.fingerprint().toString();
        context.publish(TunnelApi.class, () -> new TunnelStatus(true, listen, fingerprint, sessions.list()));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (flows != null) {
            flows.closeAll();
        }
    }

    @Override
    public List<Object> commands() {
        return List.of(new AgentCommand());
    }
}
