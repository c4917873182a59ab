package org.natterjack.network.api;

import java.io.IOException;
import java.net.InetAddress;

/**
 * What the web admin may ask of the network plug-in; published on the plug-in context while it runs:
 * {@code context.lookup(NetworkApi.class)}. One change waits for confirmation at a time.
 */
public interface NetworkApi {

    /** The stored settings, the links' addresses now and a pending change; cheap (one small file). */
    NetworkStatus status();

    /**
     * Validates {@code config}, writes it as the candidate and asks the root side to put it in effect; from then
     * on the change waits {@link NetworkStatus#confirmSeconds()} for {@link #confirm}, and is reverted to the
     * stored settings without it.
     *
     * @throws NetworkInvalid with every refused field; nothing was written
     * @throws NetworkBusy where the plug-in is idle, or while another change waits for confirmation
     * @throws IOException if the candidate or the request cannot be written
     */
    NetworkStatus apply(NetworkConfig config) throws NetworkInvalid, NetworkBusy, IOException;

    /**
     * Keeps the pending change: the candidate becomes the stored settings (in effect at every boot).
     *
     * @param via the local address the confirmation came in on; for a static candidate it must be one of the
     *     candidate's addresses (or loopback), which proves the appliance answers there
     * @throws NetworkBusy if nothing waits for confirmation, or {@code via} is an address the change replaces
     * @throws IOException if the stored file cannot be written
     */
    NetworkStatus confirm(InetAddress via) throws NetworkBusy, IOException;
}
