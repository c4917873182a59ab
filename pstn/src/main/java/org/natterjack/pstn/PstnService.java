package org.natterjack.pstn;

import java.util.List;
import java.util.Set;
import org.asteriskjava.manager.action.HangupAction;
import org.natterjack.pstn.ami.AmiException;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.status.LinkState;
import org.natterjack.pstn.ami.TestCallAction;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.TestCall;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.calls.EndedCall;
import org.natterjack.pstn.calls.PstnCall;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.SpanStatus;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.status.TrunkStatus;

/** The adapter's {@link PstnApi}: reads the live models, acts through the AMI link. */
final class PstnService implements PstnApi {

    private final PstnSettings settings;
    private final AmiLink link;
    private final TrunkStates trunks;
    private final SpanMonitor spans;
    private final CallModel calls;
    private final ConfigSync config;

    PstnService(PstnSettings settings, AmiLink link, TrunkStates trunks, SpanMonitor spans, CallModel calls,
                ConfigSync config) {
        this.settings = settings;
        this.link = link;
        this.trunks = trunks;
        this.spans = spans;
        this.calls = calls;
        this.config = config;
    }

    @Override
    public LinkState asterisk() {
        return link.state();
    }

    @Override
    public List<TrunkStatus> trunks() {
        return trunks.all();
    }

    @Override
    public List<SpanStatus> spans() {
        return trunks.plan().spans().stream().map(spans::status).toList();
    }

    @Override
    public List<PstnCall> activeCalls() {
        return calls.active();
    }

    @Override
    public List<EndedCall> recentCalls() {
        return calls.recent();
    }

    @Override
    public TestCall originateTestCall(String trunk, String number) throws AmiException {
        if (trunks.plan().trunk(trunk).isEmpty()) {
            throw new IllegalArgumentException("no trunk " + trunk);
        }
        if (!number.matches("\\+?[0-9*#]{1,32}")) {
            throw new IllegalArgumentException("'" + number + "' is not a telephone number");
        }
        link.send(TestCallAction.of(trunk, number, settings.ringSeconds()));
        return new TestCall(trunk, number, TestCallAction.channel(trunk, number));
    }

    @Override
    public boolean hangup(String callId) throws AmiException {
        PstnCall call = calls.call(callId).orElse(null);
        if (call == null) {
            return false;
        }
        for (String channel : call.channels()) {
            link.send(new HangupAction(channel, 16));
        }
        return true;
    }

    @Override
    public Set<String> reload() throws AmiException {
        return config.reloadAll(link);
    }
}
