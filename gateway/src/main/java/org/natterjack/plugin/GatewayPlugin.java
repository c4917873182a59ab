package org.natterjack.plugin;

import java.util.List;

/**
 * A module that plugs into the gateway process (the PSTN adapter, the web admin), found on the class path
 * with {@link java.util.ServiceLoader} ({@code META-INF/services/org.natterjack.plugin.GatewayPlugin}).
 *
 * <p>The core never depends on a plug-in: a plug-in reaches the core only through {@link GatewayContext}.
 * Instances are also created by the command line just to ask for {@link #commands()}, so the constructor
 * must do nothing but set fields.
 */
public interface GatewayPlugin {

    /** Short lower-case name: its configuration section ({@code plugins.NAME}), its log lines, its jobs. */
    String name();

    /**
     * Starts the plug-in; called once, after the SIP side is up. A plug-in that throws is logged and left
     * out (its jobs stop running, its trunks are unavailable); the gateway keeps running without it, and
     * {@link #close()} is still called to release what was started. A plug-in the gateway must not run
     * without throws {@link FatalStartException} instead: start-up then fails.
     */
    void start(GatewayContext context) throws Exception;

    /** Stops the plug-in; called before the core shuts down, also after a failed start. Must not throw. */
    void close();

    /** picocli {@code @Command} objects added to the {@code natterjack} command line. */
    default List<Object> commands() {
        return List.of();
    }
}
