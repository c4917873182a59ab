package org.natterjack.tunnel.api;

/** What the tunnel shows an operator (published to other plug-ins: the web admin). */
public interface TunnelApi {

    TunnelStatus status();
}
