package org.natterjack.pstn.ami.event;

import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.action.EventGeneratingAction;
import org.asteriskjava.manager.event.ResponseEvent;

/** {@code PRIShowSpans}: one {@link PriShowSpansEvent} per ISDN span, then {@link PriShowSpansCompleteEvent}. */
public class PriShowSpansAction extends AbstractManagerAction implements EventGeneratingAction {

    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "PRIShowSpans";
    }

    @Override
    public Class<? extends ResponseEvent> getActionCompleteEventClass() {
        return PriShowSpansCompleteEvent.class;
    }
}
