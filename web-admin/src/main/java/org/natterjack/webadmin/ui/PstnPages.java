package org.natterjack.webadmin.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TestCall;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.PstnOperations;
import org.natterjack.webadmin.auth.Role;

/**
 * Trunks and spans with their live state, their edit forms, test calls and reload ({@code /pstn}); calls
 * through Asterisk with hang-up ({@code /pstn/calls}); the adapter's on/off switch ({@code /pstn/adapter}).
 * While the adapter does not run the pages say why, and an administrator can switch it on.
 */
final class PstnPages {

    private static final ObjectMapper FORM = new ObjectMapper();

    private final View view;
    private final PstnOperations pstn;

    PstnPages(View view, PstnOperations pstn) {
        this.view = view;
        this.pstn = pstn;
    }

    void register(Javalin app) {
        app.get("/pstn", this::overview, Role.MONITOR);
        app.post("/pstn/adapter", this::switchAdapter, Role.ADMIN);
        app.get("/fragments/pstn", ctx -> live(ctx, "pstn-live"), Role.MONITOR);
        app.post("/pstn/trunks", this::saveTrunk, Role.ADMIN);
        app.post("/pstn/trunks/delete", ctx -> act(ctx, () -> pstn.removeTrunk(AccessControl.principal(ctx),
                View.field(ctx, "name"))), Role.ADMIN);
        app.post("/pstn/spans", this::saveSpan, Role.ADMIN);
        app.post("/pstn/spans/delete", ctx -> act(ctx, () -> pstn.removeSpan(AccessControl.principal(ctx),
                integer(ctx, "number"))), Role.ADMIN);
        app.post("/pstn/test-call", ctx -> act(ctx, () -> pstn.testCall(AccessControl.principal(ctx),
                View.field(ctx, "trunk"), View.field(ctx, "number"))), Role.OPERATOR);
        app.post("/pstn/reload", ctx -> act(ctx, () -> pstn.reload(AccessControl.principal(ctx))), Role.ADMIN);
        app.post("/pstn/restart", ctx -> act(ctx, () -> pstn.restartAsterisk(AccessControl.principal(ctx))),
                Role.ADMIN);
        app.get("/pstn/calls", ctx -> live(ctx, "pstn-calls"), Role.MONITOR);
        app.get("/fragments/pstn/calls", ctx -> live(ctx, "pstn-calls-live"), Role.MONITOR);
        app.post("/pstn/calls/hangup", ctx -> {
            pstn.hangUp(AccessControl.principal(ctx), View.field(ctx, "callId"));
            ctx.redirect("/pstn/calls", HttpStatus.SEE_OTHER);
        }, Role.OPERATOR);
    }

    /** The on/off form: {@code enabled=true|false}; the page again, saying what happened. */
    private void switchAdapter(Context ctx) {
        SwitchForm.Result result = SwitchForm.submit(ctx, pstn.adapter(), "The PSTN adapter",
                "trunk routes are answered 503");
        notRunningOr(ctx, result.key(), result.text());
    }

    /** The page with the switch alone while the adapter does not run, the whole page otherwise. */
    private void notRunningOr(Context ctx, Object... extra) {
        if (pstn.running()) {
            page(ctx, extra);
        } else {
            view.page(ctx, "pstn", View.plus(notRunning(), extra));
        }
    }

    private Object[] notRunning() {
        return new Object[] {"running", false, "adapter", pstn.adapter().state().orElse(null),
                "notRunning", pstn.adapter().whyNotRunning()};
    }

    /** The page; {@code ?trunk=NAME} or {@code ?span=N} fills the edit form with that one's settings. */
    private void overview(Context ctx) {
        if (!pstn.running()) {
            view.page(ctx, "pstn", notRunning());
            return;
        }
        String trunk = ctx.queryParam("trunk");
        String span = ctx.queryParam("span");
        page(ctx, "trunkForm", trunk == null ? Map.of() : pstn.trunk(trunk).map(PstnPages::fields).orElse(Map.of()),
                "editTrunk", trunk, "spanForm", span == null ? Map.of()
                        : pstn.span(parse("span", span)).map(PstnPages::fields).orElse(Map.of()), "editSpan", span);
    }

    private void page(Context ctx, Object... extra) {
        view.page(ctx, "pstn", View.plus(new Object[] {"running", true, "adapter", pstn.adapter().state().orElse(null),
                "asterisk", pstn.asterisk(), "trunks", pstn.trunks(), "spans", pstn.spans()}, extra));
    }

    private void live(Context ctx, String template) {
        if (!pstn.running()) {
            view.page(ctx, template, notRunning());
            return;
        }
        view.page(ctx, template, "running", true, "asterisk", pstn.asterisk(), "trunks", pstn.trunks(),
                "spans", pstn.spans(), "calls", pstn.calls());
    }

    private void saveTrunk(Context ctx) {
        String original = View.field(ctx, "original");
        try {
            TrunkSpec spec = new TrunkSpec(View.field(ctx, "name"), View.field(ctx, "type"), optionalInteger(ctx,
                    "group"), View.field(ctx, "peer"), View.field(ctx, "presentation"), View.field(ctx, "callerId"),
                    View.field(ctx, "failover"), View.field(ctx, "inboundNumber"), View.field(ctx, "description"));
            if (original.isEmpty()) {
                pstn.addTrunk(AccessControl.principal(ctx), spec);
            } else {
                pstn.updateTrunk(AccessControl.principal(ctx), original, spec);
            }
            ctx.redirect("/pstn", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, "trunkError", e.getMessage(), "trunkForm", submitted(ctx),
                    "editTrunk", original.isEmpty() ? null : original);
        }
    }

    private void saveSpan(Context ctx) {
        String original = View.field(ctx, "original");
        try {
            SpanSpec spec = new SpanSpec(integer(ctx, "number"), View.field(ctx, "trunk"), View.field(ctx, "type"),
                    optionalInteger(ctx, "ports"), optionalInteger(ctx, "firstChannel"),
                    optionalInteger(ctx, "timing"), optionalInteger(ctx, "lbo"), View.field(ctx, "framing"),
                    View.field(ctx, "coding"), ctx.formParam("crc4") != null, View.field(ctx, "signalling"),
                    View.field(ctx, "switchtype"), View.field(ctx, "echoCanceller"));
            if (original.isEmpty()) {
                pstn.addSpan(AccessControl.principal(ctx), spec);
            } else {
                pstn.updateSpan(AccessControl.principal(ctx), parse("original", original), spec);
            }
            ctx.redirect("/pstn", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, "spanError", e.getMessage(), "spanForm", submitted(ctx),
                    "editSpan", original.isEmpty() ? null : original);
        }
    }

    /** Carries out an action from the page and shows the page again, with the outcome or the refusal. */
    private void act(Context ctx, Supplier<Object> action) {
        try {
            page(ctx, "outcome", describe(action.get()));
        } catch (IllegalArgumentException | HttpResponseException e) {
            ctx.status(e instanceof HttpResponseException h ? h.getStatus() : HttpStatus.BAD_REQUEST.getCode());
            page(ctx, "actionError", e.getMessage());
        }
    }

    private static String describe(Object outcome) {
        if (outcome instanceof String told) {
            return told;
        }
        if (outcome instanceof Boolean done) {
            return done ? "Done." : "Nothing to do: it is gone already.";
        }
        if (outcome instanceof TestCall call) {
            return "Test call to " + call.number() + " over trunk " + call.trunk() + " placed (" + call.channel()
                    + "); it shows among the PSTN calls once dialled.";
        }
        return "Asterisk reloaded; files rewritten: " + (((Set<?>) outcome).isEmpty() ? "none" : outcome) + ".";
    }

    private static Map<String, Object> fields(Object spec) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = FORM.convertValue(spec, Map.class);
        return m;
    }

    private static Map<String, Object> submitted(Context ctx) {
        Map<String, Object> m = new HashMap<>();
        ctx.formParamMap().forEach((k, v) -> m.put(k, v.isEmpty() ? "" : v.get(0)));
        return m;
    }

    private static Integer optionalInteger(Context ctx, String name) {
        String value = View.field(ctx, name);
        return value.isEmpty() ? null : parse(name, value);
    }

    private static int integer(Context ctx, String name) {
        return parse(name, View.field(ctx, name));
    }

    private static int parse(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, name + ": '" + value + "' is not a whole number");
        }
    }
}
