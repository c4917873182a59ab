package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ManagerEvent;

/** {@code AlarmClear}: a DAHDI channel's alarm is over. */
@AsteriskMapping("AlarmClear")
public class DahdiAlarmClearEvent extends ManagerEvent {

    private static final long serialVersionUID = 1L;

    private String dahdiChannel;

    public DahdiAlarmClearEvent(Object source) {
        super(source);
    }

    public String getDahdiChannel() {
        return dahdiChannel;
    }

    public void setDahdiChannel(String dahdiChannel) {
        this.dahdiChannel = dahdiChannel;
    }

    public void setChannel(String channel) {
        if (dahdiChannel == null) {
            this.dahdiChannel = channel;
        }
    }
}
