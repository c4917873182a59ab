package org.natterjack.webadmin.ui;

import java.util.List;
import org.natterjack.admin.ActiveCall;

/** An active call as the calls page shows it: plain strings and numbers. */
record CallRow(String callId, String started, boolean answered, boolean onHold, boolean oneWayAudio,
               List<StreamRow> streams) {

    record StreamRow(String media, LegRow caller, LegRow callee) {
    }

    record LegRow(String relayAddress, String latched, long packetsIn, long packetsOut, long dropped, String loss) {
    }

    static CallRow of(ActiveCall call) {
        return new CallRow(call.callId(), call.started().toString(), call.answered(), call.onHold(),
                call.isOneWayAudio(), call.streams().stream().map(s -> new StreamRow(s.media(), leg(s.caller()),
                leg(s.callee()))).toList());
    }

    private static LegRow leg(ActiveCall.MediaLeg l) {
        return new LegRow(l.relayAddress(), l.latched().orElse("not latched"), l.packetsIn(), l.packetsOut(),
                l.dropped(), l.fractionLost().map(f -> String.format("%.1f %%", f * 100)).orElse("-"));
    }
}
