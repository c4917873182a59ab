package org.natterjack.pstn;

import java.time.Duration;
import java.util.List;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.GatewayPlugin;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.PstnSwitch;
import org.natterjack.pstn.cli.PstnCommand;
import org.natterjack.pstn.cli.SpanCommand;
import org.natterjack.pstn.cli.TrunkCommand;
import org.natterjack.pstn.store.PstnBackup;

/**
 * The PSTN trunk adapter as a gateway plug-in, always loaded: keeps the store's trunks and spans (migrations,
 * backup), answers {@code trunk:} routes, and offers the {@link PstnSwitch} that starts and stops the
 * {@link PstnAdapter} (Asterisk's configuration, AMI, FastAGI) while the gateway runs.
 */
public final class PstnPlugin implements GatewayPlugin {

    static final String NAME = "pstn";
    /** How often the store is checked for changed trunks and spans, and admission for a drain. */
    private static final Duration SYNC = Duration.ofSeconds(2);
    /** How often the call model is compared with Asterisk's channel list (calls whose hang-up was missed). */
    private static final Duration CALL_RESYNC = Duration.ofSeconds(60);

    private AdapterSwitch adapter;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(GatewayContext context) {
        PstnSettings settings = context.settings(PstnSettings.class);
        context.store().migrate("pstn"); // trunks and spans are backed up even while the adapter is off
        context.contributeBackup(new PstnBackup());
        AdapterSwitch adapters = new AdapterSwitch(context, settings);
        adapter = adapters;
        context.provideTrunks(adapters::resolve);
        context.publish(PstnSwitch.class, adapters);
        PstnMeters.bind(context.metrics().registry(), () -> context.lookup(PstnApi.class));
        PstnAlarms alarms = new PstnAlarms(context.alarms(), context.clock());
        context.every(Duration.ofSeconds(settings.pingSeconds()), "ami-health", () -> {
            adapters.whileRunning(PstnAdapter::checkLink);
            alarms.check(context.lookup(PstnApi.class).map(PstnAlarms.Readings::of));
        });
        context.every(Duration.ofSeconds(settings.spanPollSeconds()), "span-poll",
                () -> adapters.whileRunning(PstnAdapter::pollSpans));
        context.every(CALL_RESYNC, "stale-calls", () -> adapters.whileRunning(PstnAdapter::resyncCalls));
        context.every(SYNC, "config-sync", () -> adapters.whileRunning(PstnAdapter::sync));
        adapters.startIfOn();
    }

    @Override
    public void close() {
        if (adapter != null) {
            adapter.close();
        }
    }

    @Override
    public List<Object> commands() {
        return List.of(new TrunkCommand(), new SpanCommand(), new PstnCommand());
    }
}
