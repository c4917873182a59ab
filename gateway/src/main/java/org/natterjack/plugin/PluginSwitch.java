package org.natterjack.plugin;

/**
 * Switches a plug-in's running part (the PSTN adapter, the tunnel endpoint) on and off while the gateway runs,
 * from the web admin. Plug-ins publish it under a type of their own that extends this one.
 */
public interface PluginSwitch {

    SwitchState state();

    /**
     * Keeps the choice in the store (it wins over the configuration file from now on) and starts or stops the
     * running part.
     *
     * @param by the account that switches, for the page and the audit
     * @return the state after the switch; {@link SwitchState#problem()} tells why a switched-on part did not start
     */
    SwitchState switchTo(boolean enabled, String by);
}
