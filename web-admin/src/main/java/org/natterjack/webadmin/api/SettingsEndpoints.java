package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.SettingsChange;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.SettingsOperations;
import org.natterjack.webadmin.auth.Role;

/** The gateway's settings: read by everyone, changed (live) by admins. */
final class SettingsEndpoints {

    private static final TypeReference<Map<String, Object>> VALUES = new TypeReference<>() {
    };

    private final AdminApi admin;
    private final SettingsOperations operations;

    SettingsEndpoints(AdminApi admin, SettingsOperations operations) {
        this.admin = admin;
        this.operations = operations;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/api/v1/settings", Role.MONITOR, ctx -> ctx.json(admin.settings().sections())),
                ApiRoute.of(GET, "/api/v1/settings/{section}", Role.MONITOR, ctx -> ctx.json(admin.settings()
                        .section(ctx.pathParam("section")).orElseThrow(() -> noSection(ctx)))),
                ApiRoute.of(PUT, "/api/v1/settings/{section}", Role.ADMIN, ctx -> answer(ctx,
                        operations.apply(AccessControl.principal(ctx), known(ctx), values(ctx)))),
                ApiRoute.of(DELETE, "/api/v1/settings/{section}", Role.ADMIN, ctx -> answer(ctx,
                        operations.reset(AccessControl.principal(ctx), known(ctx)))));
    }

    private static Map<String, Object> values(Context ctx) {
        Map<String, Object> values = ctx.bodyAsClass(VALUES.getType());
        if (values == null) {
            throw new InvalidFieldException("body", "body: a JSON object of the settings to change");
        }
        return values;
    }

    private String known(Context ctx) {
        String section = ctx.pathParam("section");
        if (admin.settings().section(section).isEmpty()) {
            throw noSection(ctx);
        }
        return section;
    }

    /** The section as it is now, or 400 with every refused field (nothing was saved). */
    private static void answer(Context ctx, SettingsChange change) {
        if (change instanceof SettingsChange.Applied applied) {
            ctx.json(applied.after());
        } else if (change instanceof SettingsChange.Refused refused) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", refused.errors().get(0).message());
            body.put("field", refused.errors().get(0).field());
            body.put("errors", refused.errors());
            ctx.status(HttpStatus.BAD_REQUEST).json(body);
        }
    }

    private static NotFoundResponse noSection(Context ctx) {
        return new NotFoundResponse("no settings section " + ctx.pathParam("section"));
    }
}
