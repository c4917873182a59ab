package org.natterjack.plugin;

import java.util.function.Supplier;
import org.natterjack.media.relay.MediaCarriers;
import org.natterjack.net.SipConnections;

/**
 * What the core lends plug-ins that carry calls themselves (the tunnel).
 *
 * @param connections carried SIP connections, asked for only by a plug-in that carries some (it fails without a
 *     TCP listen address)
 * @param credentials the accounts' HA1 and the authentication throttle
 * @param media the relay's streams, for a plug-in that carries a party's media
 */
public record CarrierAccess(Supplier<SipConnections> connections, SipCredentials credentials, MediaCarriers media) {
}
