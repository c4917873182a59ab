package org.natterjack.pstn.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * {@code DAHDIDNDon} / {@code DAHDIDNDoff}: chan_dahdi's do-not-disturb on one DAHDI channel (asterisk-java
 * has only the old Zap names). On an analog channel Asterisk then never picks it for a call: an FXS port does
 * not ring its phone, an FXO line is not seized for outgoing calls. A ring arriving on an FXO line is still
 * answered and goes to the dialplan (chan_dahdi does not check the flag there). The flag is not kept over a
 * restart of Asterisk.
 */
public final class DahdiDndAction extends AbstractManagerAction {

    private static final long serialVersionUID = 1L;

    private final int dahdiChannel;
    private final boolean on;

    public DahdiDndAction(int dahdiChannel, boolean on) {
        this.dahdiChannel = dahdiChannel;
        this.on = on;
    }

    @Override
    public String getAction() {
        return on ? "DAHDIDNDon" : "DAHDIDNDoff";
    }

    /** The channel number (sent as header {@code DAHDIChannel}; Asterisk reads headers case-blind). */
    public String getDahdiChannel() {
        return Integer.toString(dahdiChannel);
    }
}
