package org.natterjack.pstn;

import java.util.Optional;
import java.util.function.Consumer;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.pstn.api.AdapterChoice;
import org.natterjack.pstn.api.AdapterState;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.PstnSwitch;
import org.natterjack.pstn.store.AdapterSwitchRepository;
import org.natterjack.routing.TrunkHop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the {@link PstnAdapter} as it is switched: by {@code plugins.pstn.enabled} until an operator
 * switches it in the web admin, by that choice (kept in the store) from then on. While it runs its
 * {@link PstnApi} is published and {@code trunk:} routes go to it; otherwise they get 503 with the reason.
 * Switching is serialised; the periodic tasks read the running adapter without a lock.
 */
final class AdapterSwitch implements PstnSwitch, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdapterSwitch.class);
    static final String SWITCHED_OFF = "the PSTN adapter is switched off";

    private final GatewayContext context;
    private final PstnSettings settings;
    private final AdapterSwitchRepository choices;
    private volatile PstnAdapter running;
    private volatile String problem = "";

    AdapterSwitch(GatewayContext context, PstnSettings settings, AdapterSwitchRepository choices) {
        this.context = context;
        this.settings = settings;
        this.choices = choices;
    }

    /** At the plug-in's start: runs the adapter if it is switched on. */
    synchronized void startIfOn() {
        AdapterState state = state();
        if (state.enabled()) {
            start();
        } else {
            LOG.info("PSTN adapter is off ({}): trunk routes are answered 503", state.source().equals(
                    AdapterState.FILE) ? "plugins.pstn.enabled is false" : "switched off in the web admin on "
                    + state.changedAt() + " by " + state.changedBy());
        }
    }

    @Override
    public AdapterState state() {
        Optional<AdapterChoice> choice = choices.choice();
        boolean on = running != null;
        return choice.map(c -> AdapterState.ofChoice(c, on, problem))
                .orElseGet(() -> AdapterState.ofFile(settings.enabled(), on, problem));
    }

    @Override
    public synchronized AdapterState switchTo(boolean enabled, String by) {
        choices.save(new AdapterChoice(enabled, by, context.clock().instant()));
        LOG.info("PSTN adapter switched {} in the web admin by {}", enabled ? "on" : "off", by);
        if (enabled && running == null) {
            start();
        } else if (!enabled) {
            stop();
        }
        return state();
    }

    private void start() {
        try {
            PstnAdapter adapter = PstnAdapter.start(context, settings);
            running = adapter;
            problem = "";
            context.publish(PstnApi.class, adapter.api());
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("PSTN adapter cannot start: {}; trunk routes are answered 503", problem);
        }
    }

    private void stop() {
        PstnAdapter adapter = running;
        running = null;
        problem = "";
        context.withdraw(PstnApi.class);
        if (adapter != null) {
            adapter.close();
            LOG.info("PSTN adapter stopped: trunk routes are answered 503");
        }
    }

    /** Where a {@code trunk:} route goes: the running adapter decides, or the proxy answers 503 saying why. */
    TrunkHop resolve(String trunk, String number) {
        PstnAdapter adapter = running;
        if (adapter != null) {
            return adapter.trunks().resolve(trunk, number);
        }
        String why = problem;
        return new TrunkHop.Unavailable(why.isEmpty() ? SWITCHED_OFF : "the PSTN adapter cannot start: " + why);
    }

    /** Runs {@code task} on the adapter if it runs (a periodic task of the plug-in). */
    void whileRunning(Consumer<PstnAdapter> task) {
        PstnAdapter adapter = running;
        if (adapter != null) {
            task.accept(adapter);
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
