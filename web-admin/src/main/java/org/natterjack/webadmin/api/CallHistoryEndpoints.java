package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import org.natterjack.admin.AdminApi;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.history.CdrExport;
import org.natterjack.webadmin.history.CdrRow;
import org.natterjack.webadmin.history.HistoryQuery;

/** {@code GET /api/v1/cdrs}: call detail records, searched as on the Calls history page, as JSON or CSV. */
final class CallHistoryEndpoints {

    static final int DEFAULT_LIMIT = 10_000;

    private final AdminApi admin;

    CallHistoryEndpoints(AdminApi admin) {
        this.admin = admin;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.of(GET, "/api/v1/cdrs", Role.MONITOR, this::export));
    }

    private void export(Context ctx) {
        CdrExport format = CdrExport.of(ctx.queryParam("format"));
        List<CdrRow> rows = admin.callHistory().search(HistoryQuery.parse(ctx::queryParam, DEFAULT_LIMIT,
                ZoneId.systemDefault())).stream().map(CdrRow::of).toList();
        if (format == CdrExport.CSV) {
            ctx.header("Content-Disposition", "attachment; filename=\"" + format.fileName() + "\"");
            ctx.contentType(format.contentType()).result(CdrExport.csv(rows));
        } else {
            ctx.json(rows);
        }
    }
}
