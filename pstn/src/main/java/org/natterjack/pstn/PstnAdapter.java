package org.natterjack.pstn;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import org.natterjack.admission.Admission;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.pstn.agi.AgiService;
import org.natterjack.pstn.agi.InboundRouter;
import org.natterjack.pstn.ami.AmiEvents;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.AmiPoll;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.asterisk.ConfigInputs;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.drain.BusyOutPlan;
import org.natterjack.pstn.drain.TrunkBusyOut;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.store.AmiSecret;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.routing.TrunkResolver;

/**
 * The PSTN adapter's running part, from switch-on to switch-off: Asterisk's configuration generated from the
 * store, the AMI link with the live models of calls and spans, the FastAGI listener for incoming PSTN calls,
 * the answers for {@code trunk:} routes, and the trunks busied out while the gateway drains. Its periodic work
 * is run by the plug-in's jobs through the methods below; {@link #close} ends everything it started.
 */
final class PstnAdapter implements AutoCloseable {

    private final Admission admission;
    private final ConfigSync config;
    private final CallModel calls;
    private final AmiPoll poll;
    private final AmiLink link;
    private final AgiService agi;
    private final TrunkBusyOut busyOut = new TrunkBusyOut();
    private final PstnService api;
    private final PstnTrunks trunks;

    private PstnAdapter(PstnSettings settings, GatewayContext context, ConfigSync config, SpanMonitor spans,
                        CallModel calls, AmiPoll poll, AmiLink link, AgiService agi, PstnRepository repository) {
        this.admission = context.admission();
        this.config = config;
        this.calls = calls;
        this.poll = poll;
        this.link = link;
        this.agi = agi;
        TrunkStates states = new TrunkStates(config::plan, link::state, spans, this::draining);
        this.api = new PstnService(settings, link, states, spans, calls, config, repository);
        this.trunks = new PstnTrunks(settings, states);
    }

    /**
     * Writes Asterisk's configuration, opens the FastAGI port and starts logging in to Asterisk (which need not
     * be up: the link keeps trying).
     *
     * @throws IllegalStateException if Asterisk's address is not a trusted peer (its calls would be challenged)
     * @throws IOException if the FastAGI port is taken
     */
    static PstnAdapter start(GatewayContext context, PstnSettings settings) throws IOException {
        InetAddress asterisk = InetAddress.getByName(settings.asteriskAddress());
        if (!context.isTrustedPeer(asterisk)) {
            throw new IllegalStateException("Asterisk's address " + settings.asteriskAddress() + " is not a trusted"
                    + " peer, so its calls would be challenged: add \"" + settings.asteriskAddress()
                    + "/32\" to proxy.trusted-peers");
        }
        Clock clock = context.clock();
        String secret = AmiSecret.of(context.store(), context.clock());
        SpanMonitor spans = new SpanMonitor();
        PstnRepository repository = new PstnRepository(context.store());
        ConfigSync config = new ConfigSync(settings, repository, context.sipAddress(),
                ConfigInputs.domain(settings, context.domains(), context.sipAddress()), secret, spans, clock);
        config.writeNow();
        CallModel calls = new CallModel(clock, PstnMeters.callCounter(context.metrics().registry()));
        AmiPoll poll = new AmiPoll(calls, spans, config::plan, clock);
        Duration timeout = Duration.ofMillis(settings.timeoutMillis());
        AgiService agi = AgiService.start(settings.agiPort(), new InboundRouter(context.routing(), asterisk,
                settings.unknownDidCause(), () -> context.admission().draining().isPresent()));
        AmiLink link = new AmiLink(settings.asteriskAddress(), settings.amiPort(), settings.amiUsername(),
                secret, timeout, Duration.ofSeconds(3L * settings.pingSeconds()).plus(timeout),
                Duration.ofSeconds(settings.reconnectMaxSeconds()), clock, new AmiEvents(calls, spans, poll, clock));
        link.start();
        return new PstnAdapter(settings, context, config, spans, calls, poll, link, agi, repository);
    }

    PstnApi api() {
        return api;
    }

    TrunkResolver trunks() {
        return trunks;
    }

    private boolean draining() {
        return admission.draining().isPresent();
    }

    void checkLink() {
        link.check();
    }

    void pollSpans() {
        poll.pollSpans(link);
    }

    void resyncCalls() {
        poll.resyncCalls(link);
    }

    /** Applies changed trunks and spans, and busies the idle channels out (or back in) as admission says. */
    void sync() {
        config.syncIfChanged(link);
        busyOut.reconcile(link, config.plan(), draining(), BusyOutPlan.channelsInCall(calls.active()));
    }

    /** Puts back what it busied out, logs off from Asterisk and closes the FastAGI port. */
    @Override
    public void close() {
        busyOut.restore(link, config.plan());
        link.close();
        agi.close();
    }
}
