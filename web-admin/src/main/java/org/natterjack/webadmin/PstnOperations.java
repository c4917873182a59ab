package org.natterjack.webadmin;

import io.javalin.http.ServiceUnavailableResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.natterjack.pstn.api.AsteriskException;
import org.natterjack.pstn.api.AsteriskLink;
import org.natterjack.pstn.api.CallInfo;
import org.natterjack.pstn.api.EndedCallInfo;
import org.natterjack.pstn.api.PstnApi;
import org.natterjack.pstn.api.PstnSwitch;
import org.natterjack.pstn.api.SpanInfo;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TestCall;
import org.natterjack.pstn.api.TrunkInfo;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Principal;

/**
 * The PSTN adapter for pages and API: its on/off switch, its trunks and spans with their live state, and every
 * change to them or to its calls, audited. While the adapter does not run (switched off, or the pstn plug-in
 * is not installed) every method but the switch's answers 503 with the reason.
 */
public final class PstnOperations {

    /** A trunk's settings, as a form shows them, and what it can do now. */
    public record TrunkRow(TrunkSpec settings, TrunkInfo status) {
    }

    /** A span's settings and its state (alarms, "restart needed"). */
    public record SpanRow(SpanSpec settings, SpanInfo status) {
    }

    public record Calls(List<CallInfo> active, List<EndedCallInfo> recent) {
    }

    private static final SwitchOperations.Subject ADAPTER = new SwitchOperations.Subject("pstn", "PSTN adapter",
            "PSTN", "pstn.adapter");

    private final Supplier<Optional<PstnApi>> pstn;
    private final SwitchOperations adapter;
    private final AuditLog audit;

    /**
     * @param pstn looked up on each call: published while the adapter runs
     * @param adapter looked up on each call: the PSTN plug-in may start after the web admin, or not be installed
     */
    public PstnOperations(Supplier<Optional<PstnApi>> pstn, Supplier<Optional<PstnSwitch>> adapter, AuditLog audit) {
        this.pstn = pstn;
        this.adapter = new SwitchOperations(ADAPTER, adapter, audit);
        this.audit = audit;
    }

    public boolean running() {
        return pstn.get().isPresent();
    }

    /** The adapter's on/off switch. */
    public SwitchOperations adapter() {
        return adapter;
    }

    private PstnApi api() {
        return pstn.get().orElseThrow(() -> new ServiceUnavailableResponse("the PSTN adapter is not running: "
                + adapter.whyNotRunning()));
    }

    public AsteriskLink asterisk() {
        return api().asterisk();
    }

    /** Trunks in the order of their status (by name); one changed between the two reads is left out. */
    public List<TrunkRow> trunks() {
        PstnApi p = api();
        return p.trunks().stream().flatMap(status -> p.trunk(status.name())
                .map(t -> new TrunkRow(t, status)).stream()).toList();
    }

    public List<SpanRow> spans() {
        PstnApi p = api();
        return p.spans().stream().flatMap(status -> p.span(status.span())
                .map(s -> new SpanRow(s, status)).stream()).toList();
    }

    public Calls calls() {
        PstnApi p = api();
        return new Calls(p.activeCalls(), p.recentCalls());
    }

    public Optional<TrunkSpec> trunk(String name) {
        return api().trunk(name);
    }

    public Optional<SpanSpec> span(int number) {
        return api().span(number);
    }

    public TrunkSpec addTrunk(Principal who, TrunkSpec trunk) {
        TrunkSpec added = api().addTrunk(trunk);
        audit.record(who.name(), "trunk.add", added.name(), null, added);
        return added;
    }

    public TrunkSpec updateTrunk(Principal who, String name, TrunkSpec trunk) {
        TrunkSpec before = trunk(name).orElseThrow(() -> new IllegalArgumentException("no trunk " + name));
        TrunkSpec after = api().updateTrunk(name, trunk);
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
        SpanSpec added = api().addSpan(span);
        audit.record(who.name(), "span.add", "span " + added.number(), null, added);
        return added;
    }

    public SpanSpec updateSpan(Principal who, int number, SpanSpec span) {
        SpanSpec before = span(number).orElseThrow(() -> new IllegalArgumentException("no span " + number));
        SpanSpec after = api().updateSpan(number, span);
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
        } catch (AsteriskException e) {
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
        } catch (AsteriskException e) {
            throw new ServiceUnavailableResponse("cannot hang up: " + e.getMessage());
        }
    }

    /** @return the files whose content changed */
    public Set<String> reload(Principal who) {
        try {
            Set<String> changed = api().reload();
            audit.record(who.name(), "pstn.reload", "Asterisk configuration", null, Map.of("changed", changed));
            return changed;
        } catch (AsteriskException e) {
            audit.record(who.name(), "pstn.reload", "Asterisk configuration", null, Map.of("error", e.getMessage()));
            throw new ServiceUnavailableResponse(e.getMessage());
        }
    }

    /** Asterisk restarts once no call is up (changed span layouts take effect); what the operator is told. */
    public String restartAsterisk(Principal who) {
        try {
            api().restartAsteriskWhenIdle();
            audit.record(who.name(), "pstn.restart", "Asterisk", null, Map.of("when", "no call is up"));
            return "Asterisk restarts as soon as no call is up; its link comes back by itself.";
        } catch (AsteriskException e) {
            audit.record(who.name(), "pstn.restart", "Asterisk", null, Map.of("error", e.getMessage()));
            throw new ServiceUnavailableResponse("cannot restart Asterisk: " + e.getMessage());
        }
    }

}
