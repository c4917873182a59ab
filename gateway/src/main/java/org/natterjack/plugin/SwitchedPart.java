package org.natterjack.plugin;

import java.util.Optional;
import org.natterjack.store.SwitchChoice;
import org.natterjack.store.SwitchRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plug-in's running part, started and stopped as it is switched: by the plug-in's {@code enabled} in the
 * configuration file until an operator switches it in the web admin, by that choice (kept in the store) from
 * then on. Switching is serialised; readers of {@link #running()} take no lock.
 *
 * @param <T> the running part
 */
public final class SwitchedPart<T> implements PluginSwitch, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchedPart.class);

    /** How the part starts and stops. */
    public interface Lifecycle<T> {

        /** @throws Exception why it cannot run; shown as the switch's problem */
        T start() throws Exception;

        void stop(T running);
    }

    /**
     * What is switched, for the store and the log.
     *
     * @param plugin the plug-in's name: its choice's key in the store, and {@code plugins.NAME.enabled}
     * @param label what runs, e.g. {@code PSTN adapter}
     * @param whileOff what an off part means to calls, e.g. {@code trunk routes are answered 503}
     */
    public record Subject(String plugin, String label, String whileOff) {
    }

    private final Subject subject;
    private final boolean fileEnabled;
    private final GatewayContext context;
    private final SwitchRepository choices;
    private final Lifecycle<T> lifecycle;
    private volatile T running;
    private volatile String problem = "";

    public SwitchedPart(Subject subject, boolean fileEnabled, GatewayContext context, Lifecycle<T> lifecycle) {
        this.subject = subject;
        this.fileEnabled = fileEnabled;
        this.context = context;
        this.choices = new SwitchRepository(context.store(), context.node());
        this.lifecycle = lifecycle;
    }

    /** At the plug-in's start: runs the part if it is switched on. */
    public synchronized void startIfOn() {
        SwitchState state = state();
        if (state.enabled()) {
            start();
        } else {
            LOG.info("{} is off ({}): {}", subject.label(), SwitchState.FILE.equals(state.source())
                    ? "plugins." + subject.plugin() + ".enabled is false" : "switched off in the web admin on "
                    + state.changedAt() + " by " + state.changedBy(), subject.whileOff());
        }
    }

    @Override
    public SwitchState state() {
        boolean on = running != null;
        return choices.choice(subject.plugin()).map(c -> SwitchState.ofChoice(c, on, problem))
                .orElseGet(() -> SwitchState.ofFile(fileEnabled, on, problem));
    }

    @Override
    public synchronized SwitchState switchTo(boolean enabled, String by) {
        choices.save(subject.plugin(), new SwitchChoice(enabled, by, context.clock().instant()));
        LOG.info("{} switched {} in the web admin by {}", subject.label(), enabled ? "on" : "off", by);
        if (enabled && running == null) {
            start();
        } else if (!enabled) {
            stop();
        }
        return state();
    }

    /** The part while it runs. */
    public Optional<T> running() {
        return Optional.ofNullable(running);
    }

    /** Why the switched-on part does not run; empty when it runs or is off. */
    public String problem() {
        return problem;
    }

    private void start() {
        try {
            running = lifecycle.start();
            problem = "";
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("{} cannot start: {}; {}", subject.label(), problem, subject.whileOff());
        }
    }

    private void stop() {
        T part = running;
        running = null;
        problem = "";
        if (part != null) {
            lifecycle.stop(part);
            LOG.info("{} stopped: {}", subject.label(), subject.whileOff());
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
