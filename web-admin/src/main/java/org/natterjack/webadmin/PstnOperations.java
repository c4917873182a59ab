package org.natterjack.webadmin;

import io.javalin.http.ServiceUnavailableResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.natterjack.pstn.ami.AmiException;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TestCall;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.pstn.calls.EndedCall;
import org.natterjack.pstn.calls.PstnCall;
import org.natterjack.pstn.status.LinkState;
import org.natterjack.pstn.status.SpanStatus;
import org.natterjack.pstn.status.TrunkStatus;
import org.natterjack.pstn.trunk.PstnPlan;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;

/**
 * The PSTN adapter for pages and API: its trunks and spans with their live state, and every change to them
 * or to its calls, audited. Without the PSTN plug-in every method answers 503 with the reason.
 */
public final class PstnOperations {

    /** A trunk's settings, as a form shows them, and what it can do now. */
    public record TrunkRow(TrunkSpec settings, TrunkStatus status) {
    }

    /** A span's settings and its state (alarms, "restart needed"). */
    public record SpanRow(SpanSpec settings, SpanStatus status) {
    }

    public record Calls(List<PstnCall> active, List<EndedCall> recent) {
    }

    private final Supplier<Optional<PstnApi>> pstn;
    private final AuditLog audit;

    /** @param pstn looked up on each call: the PSTN plug-in may start after the web admin, or not at all */
    public PstnOperations(Supplier<Optional<PstnApi>> pstn, AuditLog audit) {
        this.pstn = pstn;
        this.audit = audit;
    }

    public boolean running() {
        return pstn.get().isPresent();
    }

    private PstnApi api() {
        return pstn.get().orElseThrow(() -> new ServiceUnavailableResponse("the PSTN adapter is not running"
                + " (set plugins.pstn.enabled: true in the configuration and restart)"));
    }

    public LinkState asterisk() {
        return api().asterisk();
    }

    /** Trunks in the order of their status (by name); one changed between the two reads is left out. */
    public List<TrunkRow> trunks() {
        PstnApi p = api();
        PstnPlan plan = p.configuration();
        return p.trunks().stream().flatMap(status -> plan.trunk(status.name())
                .map(t -> new TrunkRow(TrunkSpec.of(t), status)).stream()).toList();
    }

    public List<SpanRow> spans() {
        PstnApi p = api();
        PstnPlan plan = p.configuration();
        return p.spans().stream().flatMap(status -> plan.span(status.span())
                .map(s -> new SpanRow(SpanSpec.of(s), status)).stream()).toList();
    }

    public Calls calls() {
        PstnApi p = api();
        return new Calls(p.activeCalls(), p.recentCalls());
    }

    public Optional<TrunkSpec> trunk(String name) {
        return api().configuration().trunk(name).map(TrunkSpec::of);
    }

    public Optional<SpanSpec> span(int number) {
        return api().configuration().span(number).map(SpanSpec::of);
    }

    public TrunkSpec addTrunk(Principal who, TrunkSpec trunk) {
        TrunkSpec added = TrunkSpec.of(api().addTrunk(trunk));
        audit.record(who.name(), "trunk.add", added.name(), null, added);
        return added;
    }

    public TrunkSpec updateTrunk(Principal who, String name, TrunkSpec trunk) {
        TrunkSpec before = trunk(name).orElseThrow(() -> new IllegalArgumentException("no trunk " + name));
        TrunkSpec after = TrunkSpec.of(api().updateTrunk(name, trunk));
        audit.record(who.name(), "trunk.update", name, before, after);
        return after;
    }

    public boolean removeTrunk(Principal who, String name) {
        Optional<TrunkSpec> before = trunk(name);
        boolean removed = api().removeTrunk(name);
        if (removed) {
            audit.record(who.name(), "trunk.remove", name, before.orElse(null), null);
        }
        return removed;
    }

    public SpanSpec addSpan(Principal who, SpanSpec span) {
        SpanSpec added = SpanSpec.of(api().addSpan(span));
        audit.record(who.name(), "span.add", "span " + added.number(), null, added);
        return added;
    }

    public SpanSpec updateSpan(Principal who, int number, SpanSpec span) {
        SpanSpec before = span(number).orElseThrow(() -> new IllegalArgumentException("no span " + number));
        SpanSpec after = SpanSpec.of(api().updateSpan(number, span));
        audit.record(who.name(), "span.update", "span " + number, before, after);
        return after;
    }

    public boolean removeSpan(Principal who, int number) {
        Optional<SpanSpec> before = span(number);
        boolean removed = api().removeSpan(number);
        if (removed) {
            audit.record(who.name(), "span.remove", "span " + number, before.orElse(null), null);
        }
        return removed;
    }

    /** @throws ServiceUnavailableResponse if Asterisk is not connected or refuses the call */
    public TestCall testCall(Principal who, String trunk, String number) {
        try {
            TestCall call = api().originateTestCall(trunk, number);
            audit.record(who.name(), "pstn.test-call", trunk, null, call);
            return call;
        } catch (AmiException e) {
            throw new ServiceUnavailableResponse("no test call: " + e.getMessage());
        }
    }

    public boolean hangUp(Principal who, String callId) {
        try {
            boolean ended = api().hangup(callId);
            if (ended) {
                audit.record(who.name(), "pstn-call.hang-up", callId, Map.of("state", "up"), Map.of("state", "ended"));
            }
            return ended;
        } catch (AmiException e) {
            throw new ServiceUnavailableResponse("cannot hang up: " + e.getMessage());
        }
    }

    /** @return the files whose content changed */
    public Set<String> reload(Principal who) {
        try {
            Set<String> changed = api().reload();
            audit.record(who.name(), "pstn.reload", "Asterisk configuration", null, Map.of("changed", changed));
            return changed;
        } catch (AmiException e) {
            audit.record(who.name(), "pstn.reload", "Asterisk configuration", null, Map.of("error", e.getMessage()));
            throw new ServiceUnavailableResponse(e.getMessage());
        }
    }

}
