package org.natterjack.pstn.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.asteriskjava.manager.action.CommandAction;
import org.junit.jupiter.api.Test;
import org.natterjack.pstn.ami.DahdiDndAction;
import org.natterjack.pstn.calls.Direction;
import org.natterjack.pstn.calls.PstnCall;
import org.natterjack.pstn.trunk.Plans;
import org.natterjack.pstn.trunk.PstnPlan;

/**
 * Which DAHDI channels get which AMI action during a drain, on the test appliance: E1 span 1 (EuroISDN,
 * channels 1-31), T1 span 2 (NI2, channels 32-55, D-channel 55) and FXO span 3 (channels 56-59). No cards here:
 * these are the actions a real chan_dahdi would receive.
 */
class BusyOutPlanTest {

    private static final PstnPlan PLAN = Plans.appliance();

    private static List<ChannelCommand> expected(BusyOutMethod method, boolean busy, int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(c -> new ChannelCommand(c, method, busy)).toList();
    }

    @Test
    void drainingBusiesOutAnalogPortsWithDndAndNi2BChannelsWithServiceMessages() {
        List<ChannelCommand> commands = BusyOutPlan.commands(PLAN, true, Set.of(), Map.of());
        List<ChannelCommand> want = new java.util.ArrayList<>(expected(BusyOutMethod.PRI_SERVICE, true, 32, 54));
        want.addAll(expected(BusyOutMethod.DND, true, 56, 59));
        assertEquals(want, commands, "no command for the EuroISDN E1 (no service messages) nor for the D-channel");
    }

    @Test
    void theActionsAreDahdiDndAndThePriServiceCliCommand() {
        DahdiDndAction on = (DahdiDndAction) new ChannelCommand(56, BusyOutMethod.DND, true).action();
        assertEquals("DAHDIDNDon", on.getAction());
        assertEquals("56", on.getDahdiChannel());
        assertEquals("DAHDIDNDoff", new ChannelCommand(56, BusyOutMethod.DND, false).action().getAction());
        assertEquals("pri service disable channel 40",
                ((CommandAction) new ChannelCommand(40, BusyOutMethod.PRI_SERVICE, true).action()).getCommand());
        assertEquals("pri service enable channel 40",
                ((CommandAction) new ChannelCommand(40, BusyOutMethod.PRI_SERVICE, false).action()).getCommand());
    }

    @Test
    void aChannelCarryingACallIsLeftAloneUntilItsCallEnds() {
        Set<Integer> inCall = BusyOutPlan.channelsInCall(List.of(call("DAHDI/57-1", "PJSIP/gateway-00000001"),
                call("DAHDI/40-1")));
        assertEquals(Set.of(57, 40), inCall);
        List<ChannelCommand> commands = BusyOutPlan.commands(PLAN, true, inCall, Map.of());
        assertTrue(commands.stream().noneMatch(c -> c.channel() == 57 || c.channel() == 40), commands.toString());
        assertEquals(27 - 2, commands.size(), "the other 23 + 4 channels less the two in calls");
        Map<Integer, Boolean> applied = new HashMap<>();
        commands.forEach(c -> applied.put(c.channel(), c.busy()));
        assertEquals(List.of(new ChannelCommand(40, BusyOutMethod.PRI_SERVICE, true),
                new ChannelCommand(57, BusyOutMethod.DND, true)), BusyOutPlan.commands(PLAN, true, Set.of(), applied),
                "busied out once their calls ended; the others are as they should be already");
    }

    @Test
    void whenAdmissionOpensAgainEveryChannelIsPutBack() {
        Map<Integer, Boolean> applied = new HashMap<>();
        BusyOutPlan.commands(PLAN, true, Set.of(), Map.of()).forEach(c -> applied.put(c.channel(), true));
        List<ChannelCommand> want = new java.util.ArrayList<>(expected(BusyOutMethod.PRI_SERVICE, false, 32, 54));
        want.addAll(expected(BusyOutMethod.DND, false, 56, 59));
        assertEquals(want, BusyOutPlan.commands(PLAN, false, Set.of(), applied));
        want.forEach(c -> applied.put(c.channel(), false));
        assertEquals(List.of(), BusyOutPlan.commands(PLAN, false, Set.of(), applied), "nothing more to do");
    }

    @Test
    void withNothingKnownTheFirstPassPutsEveryChannelInService() {
        assertEquals(23 + 4, BusyOutPlan.commands(PLAN, false, Set.of(), Map.of()).stream()
                .filter(c -> !c.busy()).count(), "after a login or a restart: a PRI state survives in astdb");
    }

    private static PstnCall call(String... channels) {
        return new PstnCall("1", Direction.INBOUND, "city", "4930555", "0301234", Instant.EPOCH, Optional.empty(),
                "", List.of(channels));
    }
}
