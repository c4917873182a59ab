package org.natterjack.pstn.status;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.natterjack.pstn.trunk.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is known of the DAHDI spans: alarms as Asterisk announces them (SpanAlarm, Alarm and their clears),
 * and the channels and ISDN links found by the periodic poll. Knows nothing of AMI's wire format.
 * Thread-safe.
 */
public final class SpanMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(SpanMonitor.class);

    private String linkDown = "not connected yet";
    /** Why there is no DAHDI hardware at all, if the last poll found none; null when there is. */
    private String noHardware = "not polled yet";
    private boolean polled;
    private final Set<Integer> channels = new HashSet<>();
    private final Map<Integer, String> channelAlarms = new HashMap<>();
    private final Map<Integer, String> spanAlarms = new HashMap<>();
    private final Map<Integer, Boolean> dchannelUp = new HashMap<>();

    public synchronized void linkUp() {
        linkDown = null;
    }

    public synchronized void linkDown(String reason) {
        linkDown = reason;
        polled = false;
    }

    public synchronized void spanAlarm(int span, String alarm) {
        if (!alarm.equals(spanAlarms.put(span, alarm))) {
            LOG.warn("DAHDI span {} in alarm: {}", span, alarm);
        }
    }

    public synchronized void spanAlarmCleared(int span) {
        if (spanAlarms.remove(span) != null) {
            LOG.info("DAHDI span {} alarm cleared", span);
        }
    }

    public synchronized void channelAlarm(int channel, String alarm) {
        channelAlarms.put(channel, alarm);
    }

    public synchronized void channelAlarmCleared(int channel) {
        channelAlarms.remove(channel);
    }

    /** The poll's findings replace the channel alarms and ISDN states; span alarms stay until cleared. */
    public synchronized void polled(List<ChannelPoll> found, List<PriPoll> pri) {
        String before = noHardware;
        polled = true;
        channels.clear();
        channelAlarms.clear();
        dchannelUp.clear();
        for (ChannelPoll c : found) {
            channels.add(c.channel());
            if (c.inAlarm()) {
                channelAlarms.put(c.channel(), c.alarm());
            }
        }
        pri.forEach(p -> dchannelUp.put(p.span(), p.up()));
        noHardware = found.isEmpty() ? "no DAHDI hardware (Asterisk has no DAHDI channels)" : null;
        logChange(before);
    }

    /** The poll could not ask DAHDI at all, typically because chan_dahdi is not loaded. */
    public synchronized void pollFailed(String reason) {
        polled = true;
        channels.clear();
        dchannelUp.clear();
        String before = noHardware;
        noHardware = "no DAHDI hardware (" + reason + ")";
        logChange(before);
    }

    private void logChange(String before) {
        if (noHardware != null && !noHardware.equals(before)) {
            LOG.info("DAHDI: {}", noHardware);
        } else if (noHardware == null && before != null) {
            LOG.info("DAHDI: {} channels found", channels.size());
        }
    }

    public synchronized SpanStatus status(Span span) {
        String trunk = span.trunk();
        if (linkDown != null) {
            return new SpanStatus(span.number(), trunk, SpanState.UNKNOWN, "Asterisk is not connected (" + linkDown + ")");
        }
        if (!polled) {
            return new SpanStatus(span.number(), trunk, SpanState.UNKNOWN, "not polled yet");
        }
        if (spanAlarms.containsKey(span.number())) {
            return new SpanStatus(span.number(), trunk, SpanState.ALARM, spanAlarms.get(span.number()));
        }
        if (noHardware != null) {
            return new SpanStatus(span.number(), trunk, SpanState.NO_HARDWARE, noHardware);
        }
        List<Integer> present = bearers(span).filter(channels::contains).boxed().toList();
        if (present.isEmpty()) {
            return new SpanStatus(span.number(), trunk, SpanState.NO_HARDWARE, "DAHDI has none of channels "
                    + span.bearerChannels() + " (check dahdi_scan and system.conf)");
        }
        Optional<String> alarm = present.stream().map(channelAlarms::get).filter(a -> a != null).findFirst();
        if (alarm.isPresent() && present.stream().allMatch(channelAlarms::containsKey)) {
            return new SpanStatus(span.number(), trunk, SpanState.ALARM, alarm.get());
        }
        if (span.type().isDigital() && Boolean.FALSE.equals(dchannelUp.get(span.number()))) {
            return new SpanStatus(span.number(), trunk, SpanState.DOWN, "ISDN D-channel is down");
        }
        return new SpanStatus(span.number(), trunk, SpanState.UP, "");
    }

    private static IntStream bearers(Span span) {
        int d = span.dchannel().orElse(-1);
        return IntStream.rangeClosed(span.firstChannel(), span.lastChannel()).filter(c -> c != d);
    }
}
