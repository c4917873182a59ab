package org.natterjack.pstn;

import java.util.List;
import java.util.Set;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.HangupAction;
import org.natterjack.pstn.ami.AmiException;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.status.LinkState;
import org.natterjack.pstn.ami.TestCallAction;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TestCall;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.calls.EndedCall;
import org.natterjack.pstn.calls.PstnCall;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.SpanStatus;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.status.TrunkStatus;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.pstn.trunk.Span;
import org.natterjack.pstn.trunk.Trunk;

/**
 * The adapter's {@link PstnApi}: reads the live models, acts through the AMI link, and applies changes of
 * trunks and spans at once (the periodic check would find them within seconds; an operator waits for it).
 */
final class PstnService implements PstnApi {

    private final PstnSettings settings;
    private final AmiLink link;
    private final TrunkStates trunks;
    private final SpanMonitor spans;
    private final CallModel calls;
    private final ConfigSync config;
    private final PstnRepository repository;

    PstnService(PstnSettings settings, AmiLink link, TrunkStates trunks, SpanMonitor spans, CallModel calls,
                ConfigSync config, PstnRepository repository) {
        this.repository = repository;
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
        // Hanging up one channel of a bridged call ends the others too, so a later one may be gone already.
        AmiException refused = null;
        boolean sent = false;
        for (String channel : call.channels()) {
            try {
                link.send(new HangupAction(channel, 16));
                sent = true;
            } catch (AmiException e) {
                refused = e;
            }
        }
        if (!sent && refused != null) {
            throw refused;
        }
        return true;
    }

    @Override
    public PstnPlan configuration() {
        return trunks.plan();
    }

    @Override
    public Trunk addTrunk(TrunkSpec spec) {
        Trunk trunk = spec.toTrunk();
        repository.addTrunk(trunk);
        config.syncIfChanged(link);
        return trunk;
    }

    @Override
    public Trunk updateTrunk(String name, TrunkSpec spec) {
        Trunk trunk = spec.toTrunk();
        if (!trunk.name().equals(name)) {
            throw new IllegalArgumentException("a trunk keeps its name: add trunk " + trunk.name()
                    + " and move the spans and routes of " + name + " to it instead");
        }
        repository.updateTrunk(trunk);
        config.syncIfChanged(link);
        return trunk;
    }

    @Override
    public boolean removeTrunk(String name) {
        boolean removed = repository.removeTrunk(name);
        config.syncIfChanged(link);
        return removed;
    }

    @Override
    public Span addSpan(SpanSpec spec) {
        Span span = spec.toSpan(repository.plan());
        repository.addSpan(span);
        config.syncIfChanged(link);
        return span;
    }

    @Override
    public Span updateSpan(int number, SpanSpec spec) {
        Span span = spec.toSpan(repository.plan().withoutSpan(number));
        repository.updateSpan(number, span);
        config.syncIfChanged(link);
        return span;
    }

    @Override
    public boolean removeSpan(int number) {
        boolean removed = repository.removeSpan(number);
        config.syncIfChanged(link);
        return removed;
    }

    @Override
    public Set<String> reload() throws AmiException {
        return config.reloadAll(link);
    }

    @Override
    public void restartAsteriskWhenIdle() throws AmiException {
        try {
            link.send(new CommandAction("core restart when convenient"));
        } catch (AmiException e) {
            // Without a call up Asterisk restarts at once, closing the link before it answers.
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
        }
    }
}
