package org.natterjack.pstn;

import java.util.function.Consumer;
import org.natterjack.plugin.GatewayContext;
import org.natterjack.plugin.SwitchState;
import org.natterjack.plugin.SwitchedPart;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.PstnSwitch;
import org.natterjack.routing.TrunkHop;

/**
 * The {@link PstnAdapter} as a switched part: while it runs its {@link PstnApi} is published and {@code trunk:}
 * routes go to it; otherwise they get 503 with the reason. The periodic tasks read the running adapter without
 * a lock.
 */
final class AdapterSwitch implements PstnSwitch, AutoCloseable {

    static final String SWITCHED_OFF = "the PSTN adapter is switched off";

    private final SwitchedPart<PstnAdapter> part;

    AdapterSwitch(GatewayContext context, PstnSettings settings) {
        part = new SwitchedPart<>(new SwitchedPart.Subject(PstnPlugin.NAME, "PSTN adapter",
                "trunk routes are answered 503"), settings.enabled(), context, new SwitchedPart.Lifecycle<>() {
                    @Override
                    public PstnAdapter start() throws Exception {
                        PstnAdapter adapter = PstnAdapter.start(context, settings);
                        context.publish(PstnApi.class, adapter.api());
                        return adapter;
                    }

                    @Override
                    public void stop(PstnAdapter adapter) {
                        context.withdraw(PstnApi.class);
                        adapter.close();
                    }
                });
    }

    /** At the plug-in's start: runs the adapter if it is switched on. */
    void startIfOn() {
        part.startIfOn();
    }

    @Override
    public SwitchState state() {
        return part.state();
    }

    @Override
    public SwitchState switchTo(boolean enabled, String by) {
        return part.switchTo(enabled, by);
    }

    /** Where a {@code trunk:} route goes: the running adapter decides, or the proxy answers 503 saying why. */
    TrunkHop resolve(String trunk, String number) {
        return part.running().map(adapter -> adapter.trunks().resolve(trunk, number)).orElseGet(() -> {
            String why = part.problem();
            return new TrunkHop.Unavailable(why.isEmpty() ? SWITCHED_OFF : "the PSTN adapter cannot start: " + why);
        });
    }

    /** Runs {@code task} on the adapter if it runs (a periodic task of the plug-in). */
    void whileRunning(Consumer<PstnAdapter> task) {
        part.running().ifPresent(task);
    }

    @Override
    public void close() {
        part.close();
    }
}
