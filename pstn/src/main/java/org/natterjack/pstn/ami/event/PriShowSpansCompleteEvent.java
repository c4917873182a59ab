package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/** The end of the answer to {@link PriShowSpansAction}. */
@AsteriskMapping("PRIShowSpansComplete")
public class PriShowSpansCompleteEvent extends ResponseEvent {

    private static final long serialVersionUID = 1L;

    private Integer listItems;

    public PriShowSpansCompleteEvent(Object source) {
        super(source);
    }

    public Integer getListItems() {
        return listItems;
    }

    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }
}
