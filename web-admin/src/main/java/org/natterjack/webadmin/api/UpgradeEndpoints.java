package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.upgrade.api.Activation;
import org.natterjack.upgrade.api.InstallOptions;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.UpgradeOperations;
import org.natterjack.webadmin.auth.Role;

/**
 * Upgrades: the status, a bundle as the raw request body (streamed to the agent's file, never held in memory),
 * and the manual switch.
 */
final class UpgradeEndpoints {

    private final UpgradeOperations upgrades;

    UpgradeEndpoints(UpgradeOperations upgrades) {
        this.upgrades = upgrades;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/api/v1/upgrades", Role.ADMIN, ctx -> ctx.json(upgrades.status())),
                ApiRoute.of(POST, "/api/v1/upgrades", Role.ADMIN, this::install),
                ApiRoute.of(POST, "/api/v1/upgrades/activate", Role.ADMIN,
                        ctx -> ctx.json(upgrades.activate(AccessControl.principal(ctx)))));
    }

    private void install(Context ctx) throws IOException {
        InstallOptions options = options(ctx);
        try (InputStream body = ctx.bodyInputStream()) {
            ctx.status(HttpStatus.ACCEPTED).json(upgrades.install(AccessControl.principal(ctx), body, options));
        }
    }

    /** {@code force=true}, {@code activate=now|manual|at:<ISO time>}, {@code drain-deadline=<seconds>}. */
    static InstallOptions options(Context ctx) {
        String force = Optional.ofNullable(ctx.queryParam("force")).orElse("false");
        if (!force.equals("true") && !force.equals("false")) {
            throw new IllegalArgumentException("force must be true or false");
        }
        Optional<Duration> deadline = Optional.ofNullable(ctx.queryParam("drain-deadline")).map(s -> {
            try {
                return Duration.ofSeconds(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("drain-deadline must be a number of seconds, not '" + s + "'");
            }
        });
        return new InstallOptions(Boolean.parseBoolean(force), activation(ctx), deadline);
    }

    private static Activation activation(Context ctx) {
        try {
            return Activation.parse(Optional.ofNullable(ctx.queryParam("activate")).orElse("now"));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("activate", e.getMessage());
        }
    }
}
