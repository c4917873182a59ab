package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.LogQuery;
import org.natterjack.webadmin.auth.Role;

/** The log viewer ({@code /logs}): a filter form, and the table htmx refreshes with the same filter. */
final class LogPages {

    private final View view;
    private final AdminApi admin;

    LogPages(View view, AdminApi admin) {
        this.view = view;
        this.admin = admin;
    }

    void register(Javalin app) {
        app.get("/logs", ctx -> logs(ctx, "logs"), Role.MONITOR);
        app.get("/fragments/logs", ctx -> logs(ctx, "logs-table"), Role.MONITOR);
    }

    private void logs(Context ctx, String template) {
        String level = value(ctx, "level", "INFO");
        String text = value(ctx, "text", "");
        String logger = value(ctx, "logger", "");
        String limit = value(ctx, "limit", Integer.toString(LogQuery.DEFAULT_LIMIT));
        Object[] filter = {"levels", LogQuery.LEVELS, "level", level, "text", text, "logger", logger, "limit", limit};
        try {
            int n = Integer.parseInt(limit);
            view.page(ctx, template, View.plus(filter, "entries", admin.logs().find(new LogQuery(level, text,
                    logger, n))));
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            String message = e instanceof NumberFormatException ? "limit: '" + limit + "' is not a whole number"
                    : e.getMessage();
            view.page(ctx, template, View.plus(filter, "entries", List.of(), "error", message));
        }
    }

    private static String value(Context ctx, String name, String otherwise) {
        String v = ctx.queryParam(name);
        return v == null ? otherwise : v.trim();
    }
}
