package org.natterjack.pstn.drain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.natterjack.pstn.calls.PstnCall;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Span;

/**
 * Decides which DAHDI channels to busy out or put back: while the gateway drains every bearer channel that
 * chan_dahdi can busy out should be, otherwise none. A channel carrying a call is left alone either way (it is
 * busied out once its call has ended), and a channel already as it should be gets no command.
 */
public final class BusyOutPlan {

    private static final Pattern DAHDI_CHANNEL = Pattern.compile("DAHDI/(\\d+)-\\d+");

    private BusyOutPlan() {
    }

    /**
     * @param inCall the DAHDI channels that carry a call now
     * @param applied what the adapter last made of each channel (true: busied out); a channel missing is unknown
     */
    public static List<ChannelCommand> commands(PstnPlan plan, boolean draining, Set<Integer> inCall,
                                                Map<Integer, Boolean> applied) {
        List<ChannelCommand> commands = new ArrayList<>();
        for (Span span : plan.spans()) {
            BusyOutMethod method = BusyOutMethod.of(span);
            if (method == BusyOutMethod.NONE) {
                continue;
            }
            for (int channel : span.bearers()) {
                if (!inCall.contains(channel) && !Boolean.valueOf(draining).equals(applied.get(channel))) {
                    commands.add(new ChannelCommand(channel, method, draining));
                }
            }
        }
        return commands;
    }

    /** The DAHDI channels ({@code DAHDI/12-1} is channel 12) that the calls run on. */
    public static Set<Integer> channelsInCall(List<PstnCall> calls) {
        return calls.stream().flatMap(c -> c.channels().stream()).map(DAHDI_CHANNEL::matcher)
                .filter(Matcher::lookingAt).map(m -> Integer.parseInt(m.group(1))).collect(Collectors.toSet());
    }
}
