package org.natterjack.tunnel.api;

import org.natterjack.plugin.PluginSwitch;

/**
 * The tunnel for the web admin: what it shows an operator, and its on/off switch. Published whenever the tunnel
 * plug-in is installed, whether the endpoint runs or not.
 */
public interface TunnelApi extends PluginSwitch {

    TunnelStatus status();
}
