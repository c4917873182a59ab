package org.natterjack.location;

import org.natterjack.net.Flow;

/** How the gateway reaches a registered client. */
public sealed interface BindingTarget {

    /** Send over this flow: to its remote address from its local socket, on its TCP connection if any. */
    record OverFlow(Flow flow) implements BindingTarget {
    }

    /** Send to the Contact URI the client registered (it is directly reachable). */
    record ToContact(String contactUri) implements BindingTarget {
    }
}
