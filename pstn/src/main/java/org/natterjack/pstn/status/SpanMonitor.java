package org.natterjack.pstn.status;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.natterjack.pstn.trunk.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is known of the DAHDI spans: alarms as Asterisk announces them (SpanAlarm, Alarm and their clears),
 * the channels and ISDN links found by the periodic poll, and the spans whose layout changed after Asterisk
 * started (its reload does not re-apply DAHDI spans: it must restart). Knows nothing of AMI's wire format.
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
    /** When each span's layout last changed, until an Asterisk started after that is seen. */
    private final Map<Integer, Instant> layoutChanges = new HashMap<>();
    private final Set<Integer> restartLogged = new HashSet<>();
    /** When the Asterisk we are connected to started; null while not known. */
    private Instant asteriskStart;

    public synchronized void linkUp() {
        linkDown = null;
    }

    public synchronized void linkDown(String reason) {
        linkDown = reason;
        polled = false;
        asteriskStart = null;
    }

    /** The layout of {@code spans} changed in system.conf at {@code at}. */
    public synchronized void layoutChanged(Collection<Integer> spans, Instant at) {
        for (int span : spans) {
            layoutChanges.put(span, at);
            restartLogged.remove(span);
        }
        logRestartsNeeded();
    }

    /** The connected Asterisk started at {@code at}: layouts changed before then are in use. */
    public synchronized void asteriskStarted(Instant at) {
        asteriskStart = at;
        layoutChanges.entrySet().removeIf(change -> change.getValue().isBefore(at));
        restartLogged.retainAll(layoutChanges.keySet());
        logRestartsNeeded();
    }

    private void logRestartsNeeded() {
        if (asteriskStart == null) {
            return;
        }
        Set<Integer> unlogged = new TreeSet<>(layoutChanges.keySet());
        unlogged.removeAll(restartLogged);
        if (!unlogged.isEmpty()) {
            restartLogged.addAll(unlogged);
            LOG.warn("DAHDI span(s) {} changed layout after Asterisk started, and its reload does not re-apply"
                    + " spans: restart Asterisk (the web admin's PSTN page, or systemctl restart asterisk), best when no call is up", unlogged);
        }
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
        SpanStatus status = currentStatus(span);
        return asteriskStart != null && layoutChanges.containsKey(span.number()) ? status.needingRestart() : status;
    }

    private SpanStatus currentStatus(Span span) {
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
