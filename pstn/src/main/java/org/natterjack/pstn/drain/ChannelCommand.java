package org.natterjack.pstn.drain;

import org.asteriskjava.manager.action.ManagerAction;

/**
 * One DAHDI channel to busy out ({@code busy}) or put back in service, and how.
 *
 * @param method never {@link BusyOutMethod#NONE}
 */
public record ChannelCommand(int channel, BusyOutMethod method, boolean busy) {

    public ManagerAction action() {
        return method.action(channel, busy);
    }
}
