package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import java.util.List;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.LogQuery;
import org.natterjack.webadmin.auth.Role;

/** The gateway's recent log events (secrets masked), filtered: read-only, so monitors may read them. */
final class LogEndpoints {

    private final AdminApi admin;

    LogEndpoints(AdminApi admin) {
        this.admin = admin;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.of(GET, "/api/v1/logs", Role.MONITOR,
                ctx -> ctx.json(admin.logs().find(query(ctx)))));
    }

    /** The filter from query parameters {@code level}, {@code text}, {@code logger} and {@code limit}. */
    static LogQuery query(Context ctx) {
        String limit = ctx.queryParam("limit");
        int n;
        try {
            n = limit == null || limit.isBlank() ? LogQuery.DEFAULT_LIMIT : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("limit", "limit: '" + limit + "' is not a whole number");
        }
        return new LogQuery(ctx.queryParam("level"), ctx.queryParam("text"), ctx.queryParam("logger"), n);
    }
}
