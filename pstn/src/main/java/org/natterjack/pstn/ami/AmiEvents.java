package org.natterjack.pstn.ami;

import java.time.Clock;
import java.util.Optional;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DAHDIChannelEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.natterjack.pstn.ami.event.DahdiAlarmClearEvent;
import org.natterjack.pstn.ami.event.DahdiAlarmEvent;
import org.natterjack.pstn.ami.event.SpanAlarmClearEvent;
import org.natterjack.pstn.ami.event.SpanAlarmEvent;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.calls.PstnChannel;
import org.natterjack.pstn.status.SpanMonitor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates AMI events into the call model and the span monitor, the only place that knows asterisk-java's
 * event classes; after every login it has {@link AmiPoll} resynchronise both.
 */
public final class AmiEvents implements AmiListener {

    private static final Logger LOG = LoggerFactory.getLogger(AmiEvents.class);

    private final CallModel calls;
    private final SpanMonitor spans;
    private final ChannelTrunks trunks;
    private final AmiPoll poll;
    private final Clock clock;

    public AmiEvents(CallModel calls, SpanMonitor spans, AmiPoll poll, Clock clock) {
        this.calls = calls;
        this.spans = spans;
        this.poll = poll;
        this.trunks = poll.trunks();
        this.clock = clock;
    }

    @Override
    public void connected(AmiLink link) {
        spans.linkUp();
        poll.readStartTime(link);
        poll.resyncCalls(link);
        poll.pollSpans(link);
    }

    @Override
    public void disconnected(String reason) {
        spans.linkDown(reason);
    }

    @Override
    public void event(ManagerEvent event) {
        try {
            dispatch(event);
        } catch (RuntimeException e) {
            LOG.warn("AMI: could not apply {}: {}", event.getClass().getSimpleName(), e.toString());
        }
    }

    private void dispatch(ManagerEvent event) {
        if (event instanceof NewChannelEvent e) {
            calls.channelCreated(new PstnChannel(e.getUniqueId(), e.getChannel(),
                    linked(e.getLinkedid(), e.getUniqueId()),
                    nullToEmpty(e.getContext()), nullToEmpty(e.getExten()), nullToEmpty(e.getCallerIdNum()),
                    nullToEmpty(e.getChannelStateDesc()), clock.instant(), trunks.of(e.getChannel())));
        } else if (event instanceof NewStateEvent e) {
            calls.channelState(e.getUniqueId(), nullToEmpty(e.getChannelStateDesc()));
        } else if (event instanceof DialEndEvent e) {
            calls.dialEnded(e.getUniqueId(), e.getDialStatus());
        } else if (event instanceof BridgeEnterEvent e) {
            calls.bridged(e.getUniqueId());
        } else if (event instanceof HangupEvent e) {
            calls.hungUp(e.getUniqueId(), e.getCause() == null ? 0 : e.getCause(), nullToEmpty(e.getCauseTxt()));
        } else if (event instanceof DAHDIChannelEvent e && e.getDahdispan() != null) {
            Optional<String> trunk = trunks.ofSpan(trunks.plan(), Integer.parseInt(e.getDahdispan().trim()));
            trunk.ifPresent(t -> calls.channelTrunk(e.getUniqueid(), t));
        } else if (event instanceof SpanAlarmEvent e && e.getSpan() != null) {
            spans.spanAlarm(e.getSpan(), nullToEmpty(e.getAlarm()));
        } else if (event instanceof SpanAlarmClearEvent e && e.getSpan() != null) {
            spans.spanAlarmCleared(e.getSpan());
        } else if (event instanceof DahdiAlarmEvent e && isNumber(e.getDahdiChannel())) {
            spans.channelAlarm(Integer.parseInt(e.getDahdiChannel().trim()), nullToEmpty(e.getAlarm()));
        } else if (event instanceof DahdiAlarmClearEvent e && isNumber(e.getDahdiChannel())) {
            spans.channelAlarmCleared(Integer.parseInt(e.getDahdiChannel().trim()));
        } else if (event instanceof ShutdownEvent e) {
            LOG.info("AMI: Asterisk is shutting down ({})", e.getShutdown());
        }
    }

    private static String linked(String linkedId, String uniqueId) {
        return linkedId == null || linkedId.isEmpty() ? uniqueId : linkedId;
    }

    private static boolean isNumber(String text) {
        return text != null && text.trim().matches("[0-9]{1,5}");
    }

    static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
