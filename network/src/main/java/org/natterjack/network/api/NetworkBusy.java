package org.natterjack.network.api;

/**
 * The request does not fit the plug-in's state: it is idle (not an appliance), a change already waits for
 * confirmation, nothing waits, or a confirmation came in on an address the change takes away. The message says
 * which and what to do.
 */
public final class NetworkBusy extends Exception {

    public NetworkBusy(String message) {
        super(message);
    }
}
