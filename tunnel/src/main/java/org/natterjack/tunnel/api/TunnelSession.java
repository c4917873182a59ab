package org.natterjack.tunnel.api;

import java.time.Instant;

/**
 * One agent's session.
 *
 * @param user the SIP user it logged in as
 * @param device the agent's device identity (its MAC address), as it said
 * @param publicAddress where its connection comes from (its NAT's public side)
 * @param privateAddress its own address behind the NAT, as it said
 * @param since when it logged in
 * @param pings pings it sent
 * @param bytesIn octets of frames received from it
 * @param bytesOut octets of frames sent to it
 * @param mediaStreams streams of calls carried over it now
 */
public record TunnelSession(String user, String device, String publicAddress, String privateAddress, Instant since,
                            long pings, long bytesIn, long bytesOut, int mediaStreams) {
}
