package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ManagerEvent;

/** {@code SpanAlarm}: a whole DAHDI span went into alarm. */
@AsteriskMapping("SpanAlarm")
public class SpanAlarmEvent extends ManagerEvent {

    private static final long serialVersionUID = 1L;

    private Integer span;
    private String alarm;

    public SpanAlarmEvent(Object source) {
        super(source);
    }

    public Integer getSpan() {
        return span;
    }

    public void setSpan(Integer span) {
        this.span = span;
    }

    public String getAlarm() {
        return alarm;
    }

    public void setAlarm(String alarm) {
        this.alarm = alarm;
    }
}
