package org.natterjack.pstn.ami;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.DahdiShowChannelsAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DahdiShowChannelsEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.natterjack.pstn.ami.event.PriShowSpansAction;
import org.natterjack.pstn.ami.event.PriShowSpansEvent;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.calls.PstnChannel;
import org.natterjack.pstn.status.ChannelPoll;
import org.natterjack.pstn.status.PriPoll;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.trunk.PstnPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Asterisk for the state events may have missed: the live channels (CoreShowChannels), the DAHDI
 * channels with their alarms (DAHDIShowChannels) and the ISDN links (PRIShowSpans). Run after every login and
 * periodically by jobs; does nothing while the link is down.
 */
public final class AmiPoll {

    private static final Logger LOG = LoggerFactory.getLogger(AmiPoll.class);
    private static final Pattern UPTIME = Pattern.compile("\\s*System uptime:\\s*([0-9]{1,12})\\s*");

    private final CallModel calls;
    private final SpanMonitor spans;
    private final ChannelTrunks trunks;
    private final Clock clock;

    public AmiPoll(CallModel calls, SpanMonitor spans, Supplier<PstnPlan> plan, Clock clock) {
        this.calls = calls;
        this.spans = spans;
        this.trunks = new ChannelTrunks(plan);
        this.clock = clock;
    }

    ChannelTrunks trunks() {
        return trunks;
    }

    /** Replaces the call model's channels with those Asterisk lists now (ends calls that ended unseen). */
    public void resyncCalls(AmiLink link) {
        if (!link.state().up()) {
            return;
        }
        try {
            List<PstnChannel> live = new ArrayList<>();
            for (ResponseEvent event : link.sendForEvents(new CoreShowChannelsAction()).getEvents()) {
                if (event instanceof CoreShowChannelEvent e) {
                    live.add(new PstnChannel(e.getUniqueid(), e.getChannel(),
                            e.getLinkedid() == null ? e.getUniqueid() : e.getLinkedid(),
                            AmiEvents.nullToEmpty(e.getContext()), AmiEvents.nullToEmpty(e.getExtension()),
                            AmiEvents.nullToEmpty(e.getCallerIdNum()), AmiEvents.nullToEmpty(e.getChannelStateDesc()),
                            clock.instant().minus(duration(e.getDuration())), trunks.of(e.getChannel())));
                }
            }
            calls.resync(live);
        } catch (AmiException e) {
            LOG.debug("AMI: cannot list channels: {}", e.getMessage());
        }
    }

    /**
     * Tells the span monitor when Asterisk started (whether it runs the spans' current layout), from its uptime
     * in whole seconds, so one second earlier at most.
     */
    public void readStartTime(AmiLink link) {
        if (!link.state().up()) {
            return;
        }
        try {
            ManagerResponse response = link.send(new CommandAction("core show uptime seconds"));
            List<String> output = response instanceof CommandResponse c && c.getResult() != null ? c.getResult()
                    : List.of();
            output.stream().map(UPTIME::matcher).filter(Matcher::matches).findFirst().ifPresentOrElse(
                    m -> spans.asteriskStarted(clock.instant().minusSeconds(Long.parseLong(m.group(1)) + 1)),
                    () -> LOG.debug("AMI: no uptime in {}", output));
        } catch (AmiException e) {
            LOG.debug("AMI: cannot read Asterisk's uptime: {}", e.getMessage());
        }
    }

    /** Polls DAHDI channels and ISDN spans into the span monitor. */
    public void pollSpans(AmiLink link) {
        if (!link.state().up()) {
            return;
        }
        List<ChannelPoll> channels = new ArrayList<>();
        try {
            for (ResponseEvent event : link.sendForEvents(new DahdiShowChannelsAction()).getEvents()) {
                if (event instanceof DahdiShowChannelsEvent e && e.getDahdichannel() != null) {
                    channels.add(new ChannelPoll(e.getDahdichannel(), e.getAlarm()));
                }
            }
        } catch (AmiException e) {
            if (link.state().up()) {
                spans.pollFailed("chan_dahdi does not answer: " + e.getMessage());
            }
            return;
        }
        List<PriPoll> pri = new ArrayList<>();
        try {
            for (ResponseEvent event : link.sendForEvents(new PriShowSpansAction()).getEvents()) {
                if (event instanceof PriShowSpansEvent e && e.getSpan() != null) {
                    pri.add(new PriPoll(e.getSpan(), "Yes".equalsIgnoreCase(e.getUp())));
                }
            }
        } catch (AmiException e) {
            LOG.debug("AMI: no ISDN span status: {}", e.getMessage());
        }
        spans.polled(channels, pri);
    }

    /** CoreShowChannel's duration, {@code HH:MM:SS}. */
    private static Duration duration(String text) {
        if (text == null || !text.matches("[0-9]+:[0-9]{2}:[0-9]{2}")) {
            return Duration.ZERO;
        }
        String[] p = text.split(":");
        return Duration.ofHours(Long.parseLong(p[0])).plusMinutes(Long.parseLong(p[1]))
                .plusSeconds(Long.parseLong(p[2]));
    }
}
