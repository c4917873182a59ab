package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/** The end of the answer to {@link PriShowSpansAction}. */
@AsteriskMapping("PRIShowSpansComplete")
public class PriShowSpansCompleteEvent extends ResponseEvent {

    private static final long serialVersionUID = 1L;

    private String eventList;
    private Integer items;
    private Integer listItems;

    public PriShowSpansCompleteEvent(Object source) {
        super(source);
    }

    public String getEventList() {
        return eventList;
    }

    public void setEventList(String eventList) {
        this.eventList = eventList;
    }

    /** How many spans were listed. */
    public Integer getItems() {
        return items;
    }

    public void setItems(Integer items) {
        this.items = items;
    }

    /** How many spans were listed, as Asterisk 20 and later name it. */
    public Integer getListItems() {
        return listItems;
    }

    public void setListItems(Integer listItems) {
        this.listItems = listItems;
    }
}
