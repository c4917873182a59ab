package org.natterjack.tunnel.gateway;

import io.micrometer.core.instrument.Gauge;
import java.util.List;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.natterjack.plugin.SwitchState;
import org.natterjack.plugin.SwitchedPart;
import org.natterjack.tunnel.agent.AgentCommand;
import org.natterjack.tunnel.api.TunnelApi;
import org.natterjack.tunnel.api.TunnelStatus;

/**
 * The tunnel endpoint as a gateway plug-in: agents log in over WebSocket and TLS, and their SIP enters the
 * gateway as carried connections. It runs while switched on ({@code plugins.tunnel.enabled}, off by default,
 * until an operator switches it in the web admin). Also contributes {@code natterjack agent}, the other end.
 */
public final class TunnelPlugin implements GatewayPlugin {

    static final String NAME = "tunnel";

    private SwitchedPart<TunnelEndpoint> endpoint;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(GatewayContext context) {
        TunnelSettings settings = context.settings(TunnelSettings.class);
        SwitchedPart<TunnelEndpoint> part = new SwitchedPart<>(new SwitchedPart.Subject(NAME, "Tunnel",
                "agents cannot log in"), settings.enabled(), context, new SwitchedPart.Lifecycle<>() {
                    @Override
                    public TunnelEndpoint start() throws Exception {
                        return TunnelEndpoint.start(context, settings);
                    }

                    @Override
                    public void stop(TunnelEndpoint running) {
                        running.close();
                    }
                });
        endpoint = part;
        Gauge.builder("natterjack.tunnel.sessions", part, p -> p.running().map(TunnelEndpoint::sessions).orElse(0))
                .description("Agents logged in to the tunnel now").strongReference(true)
                .register(context.metrics().registry());
        context.publish(TunnelApi.class, new TunnelApi() {
            @Override
            public TunnelStatus status() {
                return part.running().map(TunnelEndpoint::status).orElseGet(TunnelStatus::off);
            }

            @Override
            public SwitchState state() {
                return part.state();
            }

            @Override
            public SwitchState switchTo(boolean enabled, String by) {
                return part.switchTo(enabled, by);
            }
        });
        part.startIfOn();
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public List<Object> commands() {
        return List.of(new AgentCommand());
    }
}
