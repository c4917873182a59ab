package org.natterjack.tunnel.agent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.natterjack.tunnel.login.Fingerprint;

/**
 * What {@code natterjack agent} was told.
 *
 * @param gateway the gateway's tunnel address (host name kept for TLS name checks and SNI)
 * @param user the SIP user the tunnel logs in as
 * @param password that user's SIP password
 * @param domain the user's domain
 * @param listen where local applications send their SIP
 * @param fingerprint the gateway certificate's pinned SHA-256 fingerprint; empty: the JDK's trusted authorities
 * @param proxy an HTTP proxy to reach the gateway through (CONNECT)
 * @param ping how often the agent pings when it sent nothing else (how soon it sees its public address change)
 * @param deadAfter the tunnel is given up when nothing arrived for this long
 */
record AgentOptions(InetSocketAddress gateway, String user, String password, String domain,
                    InetSocketAddress listen, Optional<Fingerprint> fingerprint, Optional<InetSocketAddress> proxy,
                    Duration ping, Duration deadAfter) {
}
