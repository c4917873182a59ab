package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.pstn.api.SpanSpec;
import org.natterjack.pstn.api.TrunkSpec;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.PstnOperations;
import org.natterjack.webadmin.auth.Role;

/**
 * The PSTN adapter's switch; PSTN trunks, DAHDI spans and calls through Asterisk (503 while the adapter does not
 * run).
 */
final class PstnEndpoints {

    private final PstnOperations pstn;

    PstnEndpoints(PstnOperations pstn) {
        this.pstn = pstn;
    }

    List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>(SwitchEndpoints.at("/api/v1/pstn/adapter", () -> pstn.adapter()));
        routes.addAll(List.of(
                ApiRoute.of(GET, "/api/v1/pstn/trunks", Role.MONITOR, ctx -> ctx.json(pstn.trunks())),
                ApiRoute.of(POST, "/api/v1/pstn/trunks", Role.ADMIN, ctx -> ctx.status(HttpStatus.CREATED)
                        .json(pstn.addTrunk(AccessControl.principal(ctx), ctx.bodyAsClass(TrunkSpec.class)))),
                ApiRoute.of(PUT, "/api/v1/pstn/trunks/{name}", Role.ADMIN, this::updateTrunk),
                ApiRoute.of(DELETE, "/api/v1/pstn/trunks/{name}", Role.ADMIN, this::removeTrunk),
                ApiRoute.of(GET, "/api/v1/pstn/spans", Role.MONITOR, ctx -> ctx.json(pstn.spans())),
                ApiRoute.of(POST, "/api/v1/pstn/spans", Role.ADMIN, ctx -> ctx.status(HttpStatus.CREATED)
                        .json(pstn.addSpan(AccessControl.principal(ctx), ctx.bodyAsClass(SpanSpec.class)))),
                ApiRoute.of(PUT, "/api/v1/pstn/spans/{number}", Role.ADMIN, this::updateSpan),
                ApiRoute.of(DELETE, "/api/v1/pstn/spans/{number}", Role.ADMIN, this::removeSpan),
                ApiRoute.of(GET, "/api/v1/pstn/calls", Role.MONITOR, ctx -> ctx.json(pstn.calls())),
                ApiRoute.of(DELETE, "/api/v1/pstn/calls/{callId}", Role.OPERATOR, this::hangUp),
                ApiRoute.of(POST, "/api/v1/pstn/test-call", Role.OPERATOR, this::testCall),
                ApiRoute.of(POST, "/api/v1/pstn/reload", Role.ADMIN,
                        ctx -> ctx.json(Map.of("changed", pstn.reload(AccessControl.principal(ctx))))),
                ApiRoute.of(POST, "/api/v1/pstn/asterisk/restart", Role.ADMIN, ctx -> ctx.status(HttpStatus.ACCEPTED)
                        .json(Map.of("outcome", pstn.restartAsterisk(AccessControl.principal(ctx)))))));
        return routes;
    }

    private void updateTrunk(Context ctx) {
        String name = ctx.pathParam("name");
        if (pstn.trunk(name).isEmpty()) {
            throw new NotFoundResponse("no trunk " + name);
        }
        ctx.json(pstn.updateTrunk(AccessControl.principal(ctx), name, ctx.bodyAsClass(TrunkSpec.class)));
    }

    private void removeTrunk(Context ctx) {
        if (!pstn.removeTrunk(AccessControl.principal(ctx), ctx.pathParam("name"))) {
            throw new NotFoundResponse("no trunk " + ctx.pathParam("name"));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void updateSpan(Context ctx) {
        int number = number(ctx);
        if (pstn.span(number).isEmpty()) {
            throw new NotFoundResponse("no span " + number);
        }
        ctx.json(pstn.updateSpan(AccessControl.principal(ctx), number, ctx.bodyAsClass(SpanSpec.class)));
    }

    private void removeSpan(Context ctx) {
        int number = number(ctx);
        if (!pstn.removeSpan(AccessControl.principal(ctx), number)) {
            throw new NotFoundResponse("no span " + number);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void hangUp(Context ctx) {
        if (!pstn.hangUp(AccessControl.principal(ctx), ctx.pathParam("callId"))) {
            throw new NotFoundResponse("no PSTN call " + ctx.pathParam("callId"));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void testCall(Context ctx) {
        Requests.TestCall body = ctx.bodyAsClass(Requests.TestCall.class);
        ctx.status(HttpStatus.ACCEPTED).json(pstn.testCall(AccessControl.principal(ctx), body.trunk(),
                body.number()));
    }

    private static int number(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("number"));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("number", "number: '" + ctx.pathParam("number") + "' is not a span number");
        }
    }
}
