package org.natterjack.plugin;

import java.util.function.Supplier;
import org.natterjack.net.SipConnections;

/**
 * What the SIP side lends plug-ins.
 *
 * @param connections carried connections, asked for only by a plug-in that carries some (it fails without a TCP
 *     listen address)
 * @param credentials the accounts' HA1 and the authentication throttle
 */
public record SipAccess(Supplier<SipConnections> connections, SipCredentials credentials) {
}
