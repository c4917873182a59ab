package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.natterjack.admin.AdminApi;
import org.natterjack.cdr.CallQuery;
import org.natterjack.cdr.Outcome;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.history.CdrRow;
import org.natterjack.webadmin.history.HistoryQuery;

/** The Calls history ({@code /calls/history}): a search form, the records that match, links to export them. */
final class CallHistoryPages {

    static final int PAGE_LIMIT = 200;
    private static final List<String> FIELDS = List.of("from", "to", "number", "user", "outcome", "poor", "limit");

    private final View view;
    private final AdminApi admin;

    CallHistoryPages(View view, AdminApi admin) {
        this.view = view;
        this.admin = admin;
    }

    void register(Javalin app) {
        app.get("/calls/history", this::history, Role.MONITOR);
    }

    private void history(Context ctx) {
        Map<String, String> form = new java.util.LinkedHashMap<>();
        FIELDS.forEach(f -> form.put(f, ctx.queryParam(f) == null ? "" : ctx.queryParam(f).trim()));
        Object[] model = {"form", form, "outcomes", Outcome.RECORDED.stream().map(Outcome::label).toList(),
            "query", ctx.queryString() == null ? "" : ctx.queryString()};
        try {
            CallQuery query = HistoryQuery.parse(ctx::queryParam, PAGE_LIMIT, ZoneId.systemDefault());
            List<CdrRow> rows = admin.callHistory().search(query).stream().map(CdrRow::of).toList();
            view.page(ctx, "calls-history", View.plus(model, "records", rows));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            view.page(ctx, "calls-history", View.plus(model, "records", List.of(), "error", e.getMessage()));
        }
    }
}
