package org.natterjack.pstn.api;

/**
 * Switches the PSTN adapter on and off while the gateway runs. Published on the plug-in context whenever
 * the pstn plug-in is installed ({@code context.lookup(PstnSwitch.class)}), whether the adapter runs or not;
 * {@link PstnApi} is published only while it runs.
 */
public interface PstnSwitch {

    AdapterState state();

    /**
     * Keeps the choice in the store (it wins over the configuration file from now on) and starts or stops the
     * adapter's running part: Asterisk's configuration, the AMI link, the FastAGI listener, trunk routes.
     * Switching on while Asterisk is unreachable is fine: the link keeps trying and says why it is down.
     *
     * @param by the account that switches, for the page and the audit
     * @return the state after the switch; {@link AdapterState#problem()} tells why a switched-on adapter did not
     *     start
     */
    AdapterState switchTo(boolean enabled, String by);
}
