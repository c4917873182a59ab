package org.natterjack.webadmin.api;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Optional;
import org.natterjack.webadmin.auth.Role;

/**
 * One endpoint of the JSON API; the list of them is what gets registered and what the OpenAPI document
 * must describe.
 *
 * @param role the least role it needs; empty: public
 */
public record ApiRoute(HandlerType method, String path, Optional<Role> role, Handler handler) {

    static ApiRoute open(HandlerType method, String path, Handler handler) {
        return new ApiRoute(method, path, Optional.empty(), handler);
    }

    static ApiRoute of(HandlerType method, String path, Role role, Handler handler) {
        return new ApiRoute(method, path, Optional.of(role), handler);
    }
}
