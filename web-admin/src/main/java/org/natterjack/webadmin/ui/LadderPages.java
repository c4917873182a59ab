package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.natterjack.admin.AdminApi;
import org.natterjack.capture.CapturedMessage;
import org.natterjack.capture.Ladder;
import org.natterjack.capture.Pcap;
import org.natterjack.cdr.CallRecord;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.ladder.CapturedRow;
import org.natterjack.webadmin.ladder.LadderSvg;

/** A call's SIP ladder ({@code /calls/ladder?callId=}) drawn from the capture, and its pcap download. */
final class LadderPages {

    private final View view;
    private final AdminApi admin;

    LadderPages(View view, AdminApi admin) {
        this.view = view;
        this.admin = admin;
    }

    void register(Javalin app) {
        app.get("/calls/ladder", this::ladder, Role.MONITOR);
        app.get("/calls/ladder.pcap", this::pcap, Role.MONITOR);
    }

    private void ladder(Context ctx) {
        String callId = callId(ctx);
        List<CapturedMessage> messages = callId.isEmpty() ? List.of() : admin.capture().ofCall(callId);
        var usage = admin.capture().usage();
        // Each node captures what passes it: a call another node of a shared store routed is in that node's memory.
        String elsewhere = callId.isEmpty() || !messages.isEmpty() ? "" : admin.callHistory().find(callId)
                .map(CallRecord::node).filter(n -> !n.equals(admin.nodes().self().name())).orElse("");
        view.page(ctx, "calls-ladder", "callId", callId, "found", !messages.isEmpty(), "elsewhere", elsewhere,
                "svg", messages.isEmpty() ? "" : LadderSvg.render(ladder(callId, messages)),
                "messages", messages.stream().map(CapturedRow::of).toList(),
                "captureOn", usage.budgetBytes() > 0, "kept", usage.messages(),
                "oldest", usage.oldest() == null ? "" : usage.oldest().toString());
    }

    /** The ladder, its columns named from the call's record when there is one (an ended call). */
    private Ladder ladder(String callId, List<CapturedMessage> messages) {
        Ladder ladder = Ladder.of(messages);
        return admin.callHistory().find(callId)
                .map(r -> ladder.naming(r.caller(), r.route().destination())).orElse(ladder);
    }

    /** The call's messages as a pcap file; 404 when the capture holds none. */
    private void pcap(Context ctx) {
        String callId = callId(ctx);
        List<CapturedMessage> messages = callId.isEmpty() ? List.of() : admin.capture().ofCall(callId);
        if (messages.isEmpty()) {
            throw new io.javalin.http.NotFoundResponse("no SIP message of call '" + callId + "' is in the capture");
        }
        ctx.header("Content-Disposition", "attachment; filename=\"call-" + callId.replaceAll("[^A-Za-z0-9._-]", "_")
                + ".pcap\"");
        ctx.contentType(Pcap.CONTENT_TYPE).result(Pcap.of(messages));
    }

    private static String callId(Context ctx) {
        String id = ctx.queryParam("callId");
        return id == null ? "" : id.trim();
    }
}
