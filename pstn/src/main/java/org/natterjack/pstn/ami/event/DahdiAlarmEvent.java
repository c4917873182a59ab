package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ManagerEvent;

/** {@code Alarm}: a DAHDI channel went into alarm (e.g. "Red Alarm" when the line is cut). */
@AsteriskMapping("Alarm")
public class DahdiAlarmEvent extends ManagerEvent {

    private static final long serialVersionUID = 1L;

    private String dahdiChannel;
    private String alarm;

    public DahdiAlarmEvent(Object source) {
        super(source);
    }

    /** The channel number, from {@code DAHDIChannel} (or {@code Channel} on old Asterisk versions). */
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

    public String getAlarm() {
        return alarm;
    }

    public void setAlarm(String alarm) {
        this.alarm = alarm;
    }
}
