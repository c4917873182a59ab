package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.natterjack.admin.AdminApi;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.StatusView;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.nodes.NodeRow;

/** Dashboard, alarms, nodes, registrations and active calls: what operators watch. */
final class ConsolePages {

    private static final long MIB = 1024 * 1024;

    private final View view;
    private final AdminApi admin;
    private final Operations operations;
    private final StatusView status;

    ConsolePages(View view, AdminApi admin, Operations operations, StatusView status) {
        this.view = view;
        this.admin = admin;
        this.operations = operations;
        this.status = status;
    }

    void register(Javalin app) {
        app.get("/", ctx -> view.page(ctx, "dashboard", dashboard()), Role.MONITOR);
        app.get("/fragments/dashboard", ctx -> view.page(ctx, "dashboard-live", dashboard()), Role.MONITOR);
        app.get("/alarms", ctx -> view.page(ctx, "alarms", "active", status.activeAlarms(), "history",
                status.alarmHistory()), Role.MONITOR);
        app.get("/nodes", ctx -> view.page(ctx, "nodes", "shared", admin.nodes().shared(), "self",
                admin.nodes().self().name(), "nodes", admin.nodes().list().stream().map(NodeRow::of).toList()),
                Role.MONITOR);
        app.get("/registrations", ctx -> registrations(ctx, "registrations"), Role.MONITOR);
        app.get("/fragments/registrations", ctx -> registrations(ctx, "registrations-live"), Role.MONITOR);
        app.post("/registrations/unregister", this::unregister, Role.OPERATOR);
        app.get("/calls", ctx -> calls(ctx, "calls"), Role.MONITOR);
        app.get("/fragments/calls", ctx -> calls(ctx, "calls-live"), Role.MONITOR);
        app.post("/calls/hangup", this::hangUp, Role.OPERATOR);
    }

    private Object[] dashboard() {
        var summary = status.summary();
        return new Object[] {"status", summary, "pstn", status.pstn(), "alarms", status.activeAlarms(),
                "heapUsedMiB", (long) summary.get("heapUsedBytes") / MIB,
                "heapMaxMiB", (long) summary.get("heapMaxBytes") / MIB,
                "registrations", admin.registrations().list(),
                "registrationsLine", status.history().registrations(), "callsLine", status.history().calls(),
                "calls", admin.calls().list().stream().map(CallRow::of).toList()};
    }

    private void registrations(Context ctx, String template) {
        view.page(ctx, template, "registrations", admin.registrations().list());
    }

    private void unregister(Context ctx) {
        operations.unregister(AccessControl.principal(ctx), View.field(ctx, "aor"), View.field(ctx, "key"));
        ctx.redirect("/registrations", HttpStatus.SEE_OTHER);
    }

    private void calls(Context ctx, String template) {
        view.page(ctx, template, "calls", admin.calls().list().stream().map(CallRow::of).toList());
    }

    private void hangUp(Context ctx) {
        operations.hangUp(AccessControl.principal(ctx), View.field(ctx, "callId"));
        ctx.redirect("/calls", HttpStatus.SEE_OTHER);
    }
}
