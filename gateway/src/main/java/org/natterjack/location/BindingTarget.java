package org.natterjack.location;

import java.util.List;
import org.natterjack.net.Flow;

/** How the gateway reaches a registered client. */
public sealed interface BindingTarget {

    /** Send over this flow: to its remote address from its local socket, on its TCP connection if any. */
    record OverFlow(Flow flow) implements BindingTarget {
    }

    /** Send to the Contact URI the client registered (it is directly reachable). */
    record ToContact(String contactUri) implements BindingTarget {
    }

    /** Send to the Contact URI with the registered Path as the first Routes (RFC 3327 5.3), to the first of them. */
    record ThroughPath(String contactUri, List<String> path) implements BindingTarget {
    }
}
