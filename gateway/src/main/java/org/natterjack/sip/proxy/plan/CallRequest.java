package org.natterjack.sip.proxy.plan;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What the planner needs of an initial request: where it is addressed and who sent it. No SIP types: the
 * executor reads these from the message.
 *
 * @param sipUri the Request-URI is a sip: or sips: URI (not tel:)
 * @param secure the Request-URI is a sips: URI
 * @param user the Request-URI's user part, if any
 * @param host the Request-URI's host, as written
 * @param port the Request-URI's port, or -1 for none
 * @param transportParam the Request-URI's transport parameter, if any
 * @param preloadedRoute a Route header is left after our own were removed
 * @param knownCaller the caller is a trusted peer or an authenticated local user (may use every route)
 * @param source the address the request came from (a routing rule may match it)
 */
public record CallRequest(boolean sipUri, boolean secure, Optional<String> user, String host, int port,
                          Optional<String> transportParam, boolean preloadedRoute, boolean knownCaller,
                          InetAddress source) {
}
