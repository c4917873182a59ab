package org.natterjack.pstn;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.HangupAction;
import org.natterjack.pstn.ami.AmiException;
import org.natterjack.pstn.ami.AmiLink;
import org.natterjack.pstn.ami.TestCallAction;
import org.natterjack.pstn.api.AsteriskException;
import org.natterjack.pstn.api.AsteriskLink;
import org.natterjack.pstn.api.CallInfo;
import org.natterjack.pstn.api.EndedCallInfo;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.SpanInfo;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TestCall;
import org.natterjack.pstn.api.TrunkInfo;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.pstn.calls.CallModel;
import org.natterjack.pstn.calls.EndedCall;
import org.natterjack.pstn.calls.PstnCall;
import org.natterjack.pstn.status.LinkState;
import org.natterjack.pstn.status.SpanMonitor;
import org.natterjack.pstn.status.SpanStatus;
import org.natterjack.pstn.status.TrunkStates;
import org.natterjack.pstn.status.TrunkStatus;
import org.natterjack.pstn.store.PstnRepository;
import org.natterjack.pstn.trunk.Span;
import org.natterjack.pstn.trunk.Specs;
import org.natterjack.pstn.trunk.Trunk;

/**
 * The adapter's {@link PstnApi}: reads the live models, acts through the AMI link, and applies changes of
 * trunks and spans at once (the periodic check would find them within seconds; an operator waits for it). The
 * models leave it as the api package's records.
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
    public AsteriskLink asterisk() {
        LinkState state = link.state();
        return new AsteriskLink(state.up(), state.reason(), state.since());
    }

    @Override
    public List<TrunkInfo> trunks() {
        return trunks.all().stream().map(PstnService::info).toList();
    }

    @Override
    public List<SpanInfo> spans() {
        return trunks.plan().spans().stream().map(spans::status).map(PstnService::info).toList();
    }

    @Override
    public List<CallInfo> activeCalls() {
        return calls.active().stream().map(PstnService::info).toList();
    }

    @Override
    public List<EndedCallInfo> recentCalls() {
        return calls.recent().stream().map(PstnService::info).toList();
    }

    @Override
    public TestCall originateTestCall(String trunk, String number) throws AsteriskException {
        if (trunks.plan().trunk(trunk).isEmpty()) {
            throw new IllegalArgumentException("no trunk " + trunk);
        }
        if (!number.matches("\\+?[0-9*#]{1,32}")) {
            throw new IllegalArgumentException("'" + number + "' is not a telephone number");
        }
        try {
            link.send(TestCallAction.of(trunk, number, settings.ringSeconds()));
        } catch (AmiException e) {
            throw asterisk(e);
        }
        return new TestCall(trunk, number, TestCallAction.channel(trunk, number));
    }

    @Override
    public boolean hangup(String callId) throws AsteriskException {
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
            throw asterisk(refused);
        }
        return true;
    }

    @Override
    public Optional<TrunkSpec> trunk(String name) {
        return trunks.plan().trunk(name).map(Specs::of);
    }

    @Override
    public Optional<SpanSpec> span(int number) {
        return trunks.plan().span(number).map(Specs::of);
    }

    @Override
    public TrunkSpec addTrunk(TrunkSpec spec) {
        Trunk trunk = Specs.trunk(spec);
        repository.addTrunk(trunk);
        config.syncIfChanged(link);
        return Specs.of(trunk);
    }

    @Override
    public TrunkSpec updateTrunk(String name, TrunkSpec spec) {
        Trunk trunk = Specs.trunk(spec);
        if (!trunk.name().equals(name)) {
            throw new IllegalArgumentException("a trunk keeps its name: add trunk " + trunk.name()
                    + " and move the spans and routes of " + name + " to it instead");
        }
        repository.updateTrunk(trunk);
        config.syncIfChanged(link);
        return Specs.of(trunk);
    }

    @Override
    public boolean removeTrunk(String name) {
        boolean removed = repository.removeTrunk(name);
        config.syncIfChanged(link);
        return removed;
    }

    @Override
    public SpanSpec addSpan(SpanSpec spec) {
        Span span = Specs.span(spec, repository.plan());
        repository.addSpan(span);
        config.syncIfChanged(link);
        return Specs.of(span);
    }

    @Override
    public SpanSpec updateSpan(int number, SpanSpec spec) {
        Span span = Specs.span(spec, repository.plan().withoutSpan(number));
        repository.updateSpan(number, span);
        config.syncIfChanged(link);
        return Specs.of(span);
    }

    @Override
    public boolean removeSpan(int number) {
        boolean removed = repository.removeSpan(number);
        config.syncIfChanged(link);
        return removed;
    }

    @Override
    public Set<String> reload() throws AsteriskException {
        try {
            return config.reloadAll(link);
        } catch (AmiException e) {
            throw asterisk(e);
        }
    }

    @Override
    public void restartAsteriskWhenIdle() throws AsteriskException {
        try {
            link.send(new CommandAction("core restart when convenient"));
        } catch (AmiException e) {
            // Without a call up Asterisk restarts at once, closing the link before it answers.
            if (!(e.getCause() instanceof TimeoutException)) {
                throw asterisk(e);
            }
        }
    }

    private static AsteriskException asterisk(AmiException e) {
        return new AsteriskException(e.getMessage(), e);
    }

    private static TrunkInfo info(TrunkStatus t) {
        return new TrunkInfo(t.name(), t.type().name(), t.available(), t.reason(),
                t.spans().stream().map(PstnService::info).toList());
    }

    private static SpanInfo info(SpanStatus s) {
        return new SpanInfo(s.span(), s.trunk(), s.state().name(), s.detail(), s.restartNeeded());
    }

    private static CallInfo info(PstnCall c) {
        return new CallInfo(c.id(), c.direction().name(), c.trunk(), c.number(), c.caller(), c.started(),
                c.answered(), c.dialStatus(), c.channels());
    }

    private static EndedCallInfo info(EndedCall e) {
        return new EndedCallInfo(info(e.call()), e.ended(), e.cause(), e.causeText());
    }
}
