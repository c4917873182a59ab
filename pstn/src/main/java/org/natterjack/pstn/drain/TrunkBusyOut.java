package org.natterjack.pstn.drain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.natterjack.pstn.ami.AmiException;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.status.LinkState;
import org.natterjack.pstn.trunk.PstnPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the {@link BusyOutPlan} over the AMI link and remembers what Asterisk was told. What Asterisk
 * holds is unknown after each login (it may have restarted, and do-not-disturb does not survive that), so
 * the first pass on a new login puts every channel where it should be. A command Asterisk refuses (no such
 * channel: a span whose card is missing) or does not answer is logged once and not repeated until the next
 * login or the next change between draining and admitting. Called from the adapter's periodic task; thread-safe.
 */
public final class TrunkBusyOut {

    private static final Logger LOG = LoggerFactory.getLogger(TrunkBusyOut.class);

    private final Map<Integer, Boolean> applied = new HashMap<>();
    private Instant loginOfApplied;

    /**
     * Busies out the idle channels while {@code draining}, and puts them back otherwise.
     *
     * @param inCall the DAHDI channels that carry a call now: never touched
     */
    public synchronized void reconcile(AmiLink link, PstnPlan plan, boolean draining, Set<Integer> inCall) {
        LinkState state = link.state();
        if (!state.up()) {
            return;
        }
        if (!state.since().equals(loginOfApplied)) {
            applied.clear();
            loginOfApplied = state.since();
        }
        send(link, BusyOutPlan.commands(plan, draining, inCall, applied));
    }

    /** Puts back in service what this adapter busied out: it stops, and must leave no channel out of service. */
    public synchronized void restore(AmiLink link, PstnPlan plan) {
        if (link.state().up() && applied.containsValue(true)) {
            send(link, BusyOutPlan.commands(plan, false, Set.of(), applied).stream()
                    .filter(c -> applied.getOrDefault(c.channel(), false)).toList());
        }
    }

    private void send(AmiLink link, List<ChannelCommand> commands) {
        List<Integer> done = new ArrayList<>();
        List<Integer> refused = new ArrayList<>();
        String reason = "";
        for (ChannelCommand command : commands) {
            try {
                link.send(command.action());
                done.add(command.channel());
            } catch (AmiException e) {
                refused.add(command.channel());
                reason = e.getMessage();
            }
            applied.put(command.channel(), command.busy());
        }
        boolean busy = commands.stream().anyMatch(ChannelCommand::busy);
        if (!done.isEmpty()) {
            LOG.info("PSTN: DAHDI channels {} {}", done, busy ? "busied out: draining for an upgrade" : "in service");
        }
        if (!refused.isEmpty()) {
            LOG.warn("PSTN: DAHDI channels {} could not be {}: {}; tried again after the next AMI login", refused,
                    busy ? "busied out" : "put in service", reason);
        }
    }
}
