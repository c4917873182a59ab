package org.natterjack.pstn;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.natterjack.pstn.agi.AgiService;
import org.natterjack.pstn.agi.InboundRouter;
import org.natterjack.pstn.ami.AmiEvents;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.AmiPoll;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.asterisk.ConfigInputs;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.cli.PstnCommand;
import org.natterjack.pstn.cli.SpanCommand;
import org.natterjack.pstn.cli.TrunkCommand;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.store.AmiSecret;
import org.natterjack.pstn.store.PstnBackup;
import org.natterjack.pstn.store.PstnRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PSTN trunk adapter as a gateway plug-in: generates Asterisk's configuration from the store, keeps the
 * AMI link and the live models of calls and spans, serves FastAGI for incoming PSTN calls, and tells the
 * proxy where {@code trunk:} routes go.
 */
public final class PstnPlugin implements GatewayPlugin {

    private static final Logger LOG = LoggerFactory.getLogger(PstnPlugin.class);
    static final String NAME = "pstn";
    /** How often the store is checked for changed trunks and spans. */
    private static final Duration CONFIG_CHECK = Duration.ofSeconds(2);
    /** How often the call model is compared with Asterisk's channel list (calls whose hang-up was missed). */
    private static final Duration CALL_RESYNC = Duration.ofSeconds(60);

    private AmiLink link;
    private AgiService agi;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(GatewayContext context) throws Exception {
        PstnSettings settings = context.settings(PstnSettings.class);
        context.store().migrate("pstn"); // trunks and spans are backed up even while the adapter is off
        context.contributeBackup(new PstnBackup());
        if (!settings.enabled()) {
            LOG.info("PSTN adapter is off (plugins.pstn.enabled is false): trunk routes are answered 503");
            return;
        }
        InetAddress asterisk = InetAddress.getByName(settings.asteriskAddress());
        if (!context.isTrustedPeer(asterisk)) {
            throw new IllegalStateException("Asterisk's address " + settings.asteriskAddress() + " is not a trusted"
                    + " peer, so its calls would be challenged: add \"" + settings.asteriskAddress()
                    + "/32\" to proxy.trusted-peers");
        }
        Clock clock = context.clock();
        String secret = AmiSecret.of(context.store());
        SpanMonitor spans = new SpanMonitor();
        PstnRepository repository = new PstnRepository(context.store());
        ConfigSync config = new ConfigSync(settings, repository, context.sipAddress(),
                ConfigInputs.domain(settings, context.domains(), context.sipAddress()), secret, spans, clock);
        config.writeNow();

        CallModel calls = new CallModel(clock);
        AmiPoll poll = new AmiPoll(calls, spans, config::plan, clock);
        Duration timeout = Duration.ofMillis(settings.timeoutMillis());
        link = new AmiLink(settings.asteriskAddress(), settings.amiPort(), settings.amiUsername(),
                secret, timeout,
                Duration.ofSeconds(3L * settings.pingSeconds()).plus(timeout),
                Duration.ofSeconds(settings.reconnectMaxSeconds()), clock, new AmiEvents(calls, spans, poll, clock));
        agi = AgiService.start(settings.agiPort(), new InboundRouter(context.routing(), asterisk,
                settings.unknownDidCause()));
        TrunkStates trunks = new TrunkStates(config::plan, link::state, spans);
        context.provideTrunks(new PstnTrunks(settings, trunks));
        context.publish(PstnApi.class, new PstnService(settings, link, trunks, spans, calls, config,
                repository));

        AmiLink ami = link;
        context.every(Duration.ofSeconds(settings.pingSeconds()), "ami-health", ami::check);
        context.every(Duration.ofSeconds(settings.spanPollSeconds()), "span-poll", () -> poll.pollSpans(ami));
        context.every(CALL_RESYNC, "stale-calls", () -> poll.resyncCalls(ami));
        context.every(CONFIG_CHECK, "config-sync", () -> config.syncIfChanged(ami));
        link.start();
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
        if (agi != null) {
            agi.close();
        }
    }

    @Override
    public List<Object> commands() {
        return List.of(new TrunkCommand(), new SpanCommand(), new PstnCommand());
    }
}
