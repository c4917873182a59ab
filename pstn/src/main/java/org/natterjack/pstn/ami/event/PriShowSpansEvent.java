package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/** One ISDN span in answer to {@link PriShowSpansAction}: whether its D-channel is up and active. */
@AsteriskMapping("PRIShowSpans")
public class PriShowSpansEvent extends ResponseEvent {

    private static final long serialVersionUID = 1L;

    private Integer span;
    private String dChannel;
    private String order;
    private String active;
    private String up;

    public PriShowSpansEvent(Object source) {
        super(source);
    }

    public Integer getSpan() {
        return span;
    }

    public void setSpan(Integer span) {
        this.span = span;
    }

    public String getDChannel() {
        return dChannel;
    }

    public void setDChannel(String dChannel) {
        this.dChannel = dChannel;
    }

    public String getOrder() {
        return order;
    }

    public void setOrder(String order) {
        this.order = order;
    }

    public String getActive() {
        return active;
    }

    public void setActive(String active) {
        this.active = active;
    }

    public String getUp() {
        return up;
    }

    public void setUp(String up) {
        this.up = up;
    }
}
