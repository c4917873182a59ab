package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ManagerEvent;

/** {@code SpanAlarmClear}: a DAHDI span's alarm is over. */
@AsteriskMapping("SpanAlarmClear")
public class SpanAlarmClearEvent extends ManagerEvent {

    private static final long serialVersionUID = 1L;

    private Integer span;

    public SpanAlarmClearEvent(Object source) {
        super(source);
    }

    public Integer getSpan() {
        return span;
    }

    public void setSpan(Integer span) {
        this.span = span;
    }
}
