package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;

import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;
import org.natterjack.admin.AdminApi;
import org.natterjack.capture.Pcap;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.history.CdrExport;
import org.natterjack.webadmin.history.CdrRow;
import org.natterjack.webadmin.history.HistoryQuery;
import org.natterjack.webadmin.ladder.CapturedRow;

/**
 * {@code GET /api/v1/cdrs}: call detail records, searched as on the Calls history page, as JSON or CSV;
 * {@code GET /api/v1/capture?callId=}: a call's captured SIP messages, as JSON or pcap.
 */
final class CallHistoryEndpoints {

    static final int DEFAULT_LIMIT = 10_000;

    private final AdminApi admin;

    CallHistoryEndpoints(AdminApi admin) {
        this.admin = admin;
    }

    List<ApiRoute> routes() {
        return List.of(ApiRoute.of(GET, "/api/v1/cdrs", Role.MONITOR, this::export),
                ApiRoute.of(GET, "/api/v1/capture", Role.MONITOR, this::capture));
    }

    private void capture(Context ctx) {
        String callId = ctx.queryParam("callId");
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("callId: the Call-ID of the call to show");
        }
        String format = ctx.queryParam("format");
        if ("pcap".equals(format)) {
            ctx.contentType(Pcap.CONTENT_TYPE).result(Pcap.of(admin.capture().ofCall(callId.trim())));
        } else if (format == null || format.equals("json")) {
            ctx.json(admin.capture().ofCall(callId.trim()).stream().map(CapturedRow::of).toList());
        } else {
            throw new IllegalArgumentException("format: json or pcap, not '" + format + "'");
        }
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
