package org.natterjack.pstn.api;

import org.natterjack.plugin.PluginSwitch;

/**
 * Switches the PSTN adapter on and off while the gateway runs: Asterisk's configuration, the AMI link, the
 * FastAGI listener, trunk routes. Switching on while Asterisk is unreachable is fine: the link keeps trying and
 * says why it is down. Published on the plug-in context whenever the pstn plug-in is installed
 * ({@code context.lookup(PstnSwitch.class)}), whether the adapter runs or not; {@link PstnApi} is published only
 * while it runs.
 */
public interface PstnSwitch extends PluginSwitch {
}
