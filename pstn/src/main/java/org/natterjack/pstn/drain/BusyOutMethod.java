package org.natterjack.pstn.drain;

import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.natterjack.pstn.ami.DahdiDndAction;
import org.natterjack.pstn.trunk.Span;

/** How chan_dahdi can keep new calls off a span's channels while the gateway drains. */
public enum BusyOutMethod {

    /**
     * Analog ports: do-not-disturb per channel ({@link DahdiDndAction}). Phones on FXS ports do not ring and
     * FXO lines are not seized; a ring from the exchange on an FXO line is still answered, and refused by the
     * FASTAGI router.
     */
    DND,

    /**
     * ISDN PRI with SERVICE messages (4ESS, 5ESS, NI2): {@code pri service disable channel N} marks the B-channel
     * out of service at our end and tells the network, which stops offering calls on it; {@code enable} puts it
     * back. chan_dahdi keeps the state in its astdb across restarts, so it must be put back explicitly.
     */
    PRI_SERVICE,

    /**
     * ISDN PRI of the other dialects (EuroISDN, NI1, DMS-100, QSIG): chan_dahdi has no per-channel way, so new
     * calls are refused one by one in the FastAGI router instead.
     */
    NONE;

    public static BusyOutMethod of(Span span) {
        if (!span.type().isDigital()) {
            return DND;
        }
        return span.hasServiceMessages() ? PRI_SERVICE : NONE;
    }

    /** The AMI action that busies out ({@code busy}) or frees channel {@code channel}. */
    ManagerAction action(int channel, boolean busy) {
        return switch (this) {
            case DND -> new DahdiDndAction(channel, busy);
            case PRI_SERVICE -> new CommandAction("pri service " + (busy ? "disable" : "enable") + " channel "
                    + channel);
            case NONE -> throw new IllegalStateException("no AMI action busies out channel " + channel);
        };
    }
}
