package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.SwitchOperations;
import org.natterjack.webadmin.auth.Role;

/** A plug-in's on/off switch at {@code path}: read by monitors, switched by administrators. */
final class SwitchEndpoints {

    private static final int UNPROCESSABLE = 422;

    private SwitchEndpoints() {
    }

    /** @param switched read at each request: building the routes needs none of the operations */
    static List<ApiRoute> at(String path, Supplier<SwitchOperations> switched) {
        return List.of(
                ApiRoute.of(GET, path, Role.MONITOR, ctx -> ctx.json(switched.get().requiredState())),
                ApiRoute.of(PUT, path, Role.ADMIN, ctx -> switchTo(ctx, switched.get())));
    }

    /** 422 unless the body is exactly {@code {"enabled": true}} or {@code {"enabled": false}}. */
    private static void switchTo(Context ctx, SwitchOperations switched) {
        JsonNode body;
        try {
            body = ctx.bodyAsClass(JsonNode.class);
        } catch (Exception e) { // malformed JSON: as unprocessable as a wrong field
            body = null;
        }
        if (body == null || !body.isObject() || body.size() != 1 || !body.path("enabled").isBoolean()) {
            ctx.status(UNPROCESSABLE).json(Map.of("error", "enabled: the body must be {\"enabled\": true} or"
                    + " {\"enabled\": false}", "field", "enabled"));
            return;
        }
        ctx.json(switched.switchTo(AccessControl.principal(ctx), body.get("enabled").booleanValue()));
    }
}
