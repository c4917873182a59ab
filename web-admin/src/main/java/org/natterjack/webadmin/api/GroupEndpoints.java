package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.RingGroupInfo;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.GroupOperations;
import org.natterjack.webadmin.auth.Role;

/** Ring groups ({@code group:NAME} routes): read by monitors, changed by admins as routing is. */
final class GroupEndpoints {

    private final GroupOperations groups;

    GroupEndpoints(GroupOperations groups) {
        this.groups = groups;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/api/v1/groups", Role.MONITOR, ctx -> ctx.json(groups.list())),
                ApiRoute.of(POST, "/api/v1/groups", Role.ADMIN, ctx -> ctx.status(HttpStatus.CREATED)
                        .json(groups.add(AccessControl.principal(ctx), ctx.bodyAsClass(RingGroupInfo.class)))),
                ApiRoute.of(GET, "/api/v1/groups/{name}", Role.MONITOR,
                        ctx -> ctx.json(groups.find(ctx.pathParam("name")).orElseThrow(() -> noGroup(ctx)))),
                ApiRoute.of(PUT, "/api/v1/groups/{name}", Role.ADMIN, this::update),
                ApiRoute.of(DELETE, "/api/v1/groups/{name}", Role.ADMIN, this::remove));
    }

    private void update(Context ctx) {
        RingGroupInfo body = ctx.bodyAsClass(RingGroupInfo.class);
        if (body.name() != null && !body.name().equals(ctx.pathParam("name"))) {
            throw new InvalidFieldException("name", "name: a group keeps its name; add a new group instead");
        }
        RingGroupInfo group = new RingGroupInfo(ctx.pathParam("name"), body.members(), body.strategy(),
                body.ringSeconds());
        ctx.json(groups.update(AccessControl.principal(ctx), group).orElseThrow(() -> noGroup(ctx)));
    }

    private void remove(Context ctx) {
        if (!groups.remove(AccessControl.principal(ctx), ctx.pathParam("name"))) {
            throw noGroup(ctx);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private static NotFoundResponse noGroup(Context ctx) {
        return new NotFoundResponse("no ring group " + ctx.pathParam("name"));
    }
}
