package org.natterjack.admin;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.natterjack.media.relay.LegStats;
import org.natterjack.media.relay.SessionStats;
import org.natterjack.media.relay.StreamStats;
import org.natterjack.status.GatewayStatus;

/** {@link ActiveCalls} from the relay's sessions; hanging up is the proxy's job. */
final class RelayCalls implements ActiveCalls {

    private final GatewayStatus status;
    private final Predicate<String> hangUp;

    /** @param hangUp ends the answered call of that Call-ID; false if there is none */
    RelayCalls(GatewayStatus status, Predicate<String> hangUp) {
        this.status = status;
        this.hangUp = hangUp;
    }

    @Override
    public List<ActiveCall> list() {
        return status.relaySessions().stream().map(RelayCalls::call).toList();
    }

    @Override
    public boolean hangUp(String callId) {
        return hangUp.test(callId);
    }

    private static ActiveCall call(SessionStats s) {
        return new ActiveCall(s.callId(), s.created(), s.confirmed(), s.onHold(), s.lastPacket(),
                s.streams().stream().map(RelayCalls::stream).toList());
    }

    private static ActiveCall.MediaStream stream(StreamStats s) {
        return new ActiveCall.MediaStream(s.media(), leg(s.caller()), leg(s.callee()));
    }

    private static ActiveCall.MediaLeg leg(LegStats l) {
        long dropped = l.droppedForeign() + l.droppedInvalid() + l.droppedNoDestination() + l.sendFailures();
        return new ActiveCall.MediaLeg(LiveRegistrations.hostPort(l.local()),
                l.latched().map(LiveRegistrations::hostPort), l.packetsIn(), l.packetsOut(), dropped,
                l.report().map(r -> r.fractionLost()),
                l.report().flatMap(r -> r.jitterMillis().isPresent()
                        ? Optional.of(r.jitterMillis().getAsDouble()) : Optional.empty()));
    }
}
