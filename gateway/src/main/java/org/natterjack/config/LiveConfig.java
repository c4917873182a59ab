package org.natterjack.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The configuration the running gateway works with, replaced whole when an operator changes a setting.
 * Components hold this (or a method reference to one of its sections) rather than a copy of a value, and
 * read it when they need the value; those that must act on a change (reschedule a job, build new port
 * pools) register a listener. Keys a section marks as fixed at start are read once and keep their value.
 */
public final class LiveConfig {

    private final GatewayConfig started;
    private final List<Consumer<GatewayConfig>> checks = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<GatewayConfig, GatewayConfig>> listeners = new CopyOnWriteArrayList<>();
    private volatile GatewayConfig current;

    public LiveConfig(GatewayConfig started) {
        this.started = started;
        this.current = started;
    }

    public GatewayConfig current() {
        return current;
    }

    /** The configuration the process started with: what the keys fixed at start still hold. */
    public GatewayConfig started() {
        return started;
    }

    public SipSettings sip() {
        return current.sip();
    }

    public RegistrarSettings registrar() {
        return current.registrar();
    }

    public AuthSettings auth() {
        return current.auth();
    }

    public NatSettings nat() {
        return current.nat();
    }

    public ProxySettings proxy() {
        return current.proxy();
    }

    public DnsSettings dns() {
        return current.dns();
    }

    public RelaySettings relay() {
        return current.relay();
    }

    /**
     * Adds a check a new configuration must pass before it is saved or applied, for what only the running
     * component can tell (e.g. whether a relay interface has an address to advertise).
     *
     * @param check throws {@link IllegalArgumentException} naming the setting
     */
    public void check(Consumer<GatewayConfig> check) {
        checks.add(check);
    }

    /** Calls {@code listener} with the old and the new configuration after each change. */
    public void onChange(BiConsumer<GatewayConfig, GatewayConfig> listener) {
        listeners.add(listener);
    }

    /** @throws IllegalArgumentException from the first check {@code candidate} fails */
    public void verify(GatewayConfig candidate) {
        checks.forEach(c -> c.accept(candidate));
    }

    /** Makes {@code next} current and tells the listeners; call {@link #verify} first. */
    public synchronized void update(GatewayConfig next) {
        GatewayConfig old = current;
        current = next;
        listeners.forEach(l -> l.accept(old, next));
    }
}
