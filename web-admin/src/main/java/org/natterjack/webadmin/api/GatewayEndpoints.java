package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.NewSipUser;
import org.natterjack.admin.RouteRule;
import org.natterjack.admin.SipUserUpdate;
import org.natterjack.metrics.Metrics;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.StatusView;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.nodes.NodeRow;

/** Status, SIP users, registrations, calls and routing: the gateway's side of the API. */
final class GatewayEndpoints {

    private final AdminApi admin;
    private final Operations operations;
    private final StatusView status;

    GatewayEndpoints(AdminApi admin, Operations operations, StatusView status) {
        this.admin = admin;
        this.operations = operations;
        this.status = status;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/metrics", Role.MONITOR, this::metrics),
                ApiRoute.of(GET, "/api/v1/status", Role.MONITOR, ctx -> ctx.json(status.summary())),
                ApiRoute.of(GET, "/api/v1/alarms", Role.MONITOR, ctx -> ctx.json(Map.of("active",
                        status.activeAlarms(), "history", status.alarmHistory()))),
                ApiRoute.of(GET, "/api/v1/nodes", Role.MONITOR, ctx -> ctx.json(Map.of("shared",
                        admin.nodes().shared(), "self", admin.nodes().self().name(), "nodes",
                        admin.nodes().list().stream().map(NodeRow::of).toList()))),
                ApiRoute.of(GET, "/api/v1/status/history", Role.MONITOR,
                        ctx -> ctx.json(status.history().samples())),
                ApiRoute.of(GET, "/api/v1/pstn", Role.MONITOR, ctx -> ctx.json(status.pstn())),
                ApiRoute.of(GET, "/api/v1/users", Role.MONITOR, ctx -> ctx.json(admin.users().list())),
                ApiRoute.of(POST, "/api/v1/users", Role.OPERATOR, this::addUser),
                ApiRoute.of(GET, "/api/v1/users/{username}", Role.MONITOR, ctx -> ctx.json(admin.users()
                        .find(ctx.pathParam("username"), domain(ctx)).orElseThrow(() -> noUser(ctx)))),
                ApiRoute.of(PUT, "/api/v1/users/{username}", Role.OPERATOR, this::updateUser),
                ApiRoute.of(DELETE, "/api/v1/users/{username}", Role.OPERATOR, this::removeUser),
                ApiRoute.of(GET, "/api/v1/registrations", Role.MONITOR,
                        ctx -> ctx.json(admin.registrations().list())),
                ApiRoute.of(DELETE, "/api/v1/registrations", Role.OPERATOR, this::unregister),
                ApiRoute.of(GET, "/api/v1/calls", Role.MONITOR, ctx -> ctx.json(admin.calls().list())),
                ApiRoute.of(DELETE, "/api/v1/calls/{callId}", Role.OPERATOR, this::hangUp),
                ApiRoute.of(GET, "/api/v1/routes", Role.MONITOR, ctx -> ctx.json(admin.routes().list())),
                ApiRoute.of(POST, "/api/v1/routes", Role.ADMIN, this::addRoute),
                ApiRoute.of(DELETE, "/api/v1/routes/{id}", Role.ADMIN, this::removeRoute),
                ApiRoute.of(PUT, "/api/v1/routes/order", Role.ADMIN, this::reorder),
                ApiRoute.of(POST, "/api/v1/routes/simulate", Role.MONITOR, this::simulate));
    }

    /** Prometheus's text format, for a scraper with a monitor's API token. */
    private void metrics(Context ctx) {
        String text = status.metrics().orElseThrow(() -> new NotFoundResponse(
                "metrics are off (metrics.enabled: false in the configuration file)"));
        ctx.contentType(Metrics.CONTENT_TYPE).result(text);
    }

    private void addUser(Context ctx) {
        NewSipUser user = ctx.bodyAsClass(NewSipUser.class);
        ctx.status(HttpStatus.CREATED).json(operations.addUser(AccessControl.principal(ctx), user));
    }

    private void updateUser(Context ctx) {
        Requests.UserChange change = ctx.bodyAsClass(Requests.UserChange.class);
        SipUserUpdate update = new SipUserUpdate(Optional.ofNullable(change.displayName()),
                Optional.ofNullable(change.password()), Optional.ofNullable(change.maxContacts()),
                Optional.ofNullable(change.natPolicy()), Optional.ofNullable(change.homeRoute()),
                Optional.ofNullable(change.tunnel()));
        ctx.json(operations.updateUser(AccessControl.principal(ctx), ctx.pathParam("username"), domain(ctx), update)
                .orElseThrow(() -> noUser(ctx)));
    }

    private void removeUser(Context ctx) {
        if (!operations.removeUser(AccessControl.principal(ctx), ctx.pathParam("username"), domain(ctx))) {
            throw noUser(ctx);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void unregister(Context ctx) {
        String aor = required(ctx, "aor");
        String key = required(ctx, "key");
        if (!operations.unregister(AccessControl.principal(ctx), aor, key)) {
            throw new NotFoundResponse("no registration " + key + " of " + aor);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void hangUp(Context ctx) {
        if (!operations.hangUp(AccessControl.principal(ctx), ctx.pathParam("callId"))) {
            throw new NotFoundResponse("no answered call " + ctx.pathParam("callId"));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void addRoute(Context ctx) {
        RouteRule rule = ctx.bodyAsClass(RouteRule.class);
        ctx.status(HttpStatus.CREATED).json(operations.addRoute(AccessControl.principal(ctx), rule));
    }

    private void removeRoute(Context ctx) {
        long id = id(ctx);
        if (!operations.removeRoute(AccessControl.principal(ctx), id)) {
            throw new NotFoundResponse("no rule " + id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void reorder(Context ctx) {
        operations.reorderRoutes(AccessControl.principal(ctx), ctx.bodyAsClass(Requests.Order.class).ids());
        ctx.json(admin.routes().list());
    }

    private void simulate(Context ctx) {
        Requests.Simulation body = ctx.bodyAsClass(Requests.Simulation.class);
        ctx.json(admin.routes().simulate(body.number(), body.source()));
    }

    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("id", "id: '" + ctx.pathParam("id") + "' is not a number");
        }
    }

    private static String domain(Context ctx) {
        String domain = ctx.queryParam("domain");
        return domain == null ? "" : domain;
    }

    private static String required(Context ctx, String param) {
        String value = ctx.queryParam(param);
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(param, param + ": required query parameter");
        }
        return value;
    }

    private static NotFoundResponse noUser(Context ctx) {
        String d = domain(ctx);
        return new NotFoundResponse("no SIP user " + ctx.pathParam("username") + (d.isEmpty() ? "" : "@" + d));
    }
}
