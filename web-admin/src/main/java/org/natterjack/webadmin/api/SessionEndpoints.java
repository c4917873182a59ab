package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.auth.Principal;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.auth.Session;
import org.natterjack.webadmin.auth.SignIn;

/** Login, logout, who am I, one's own password, and first-run setup. */
final class SessionEndpoints {

    private final SignIn signIn;
    private final Operations operations;

    SessionEndpoints(SignIn signIn, Operations operations) {
        this.signIn = signIn;
        this.operations = operations;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.open(POST, "/api/v1/session", this::login),
                ApiRoute.of(GET, "/api/v1/session", Role.MONITOR, this::whoAmI),
                ApiRoute.of(DELETE, "/api/v1/session", Role.MONITOR, this::logout),
                ApiRoute.of(PUT, "/api/v1/session/password", Role.MONITOR, this::changePassword),
                ApiRoute.open(POST, "/api/v1/setup", this::setUp));
    }

    private void login(Context ctx) {
        Requests.Login body = ctx.bodyAsClass(Requests.Login.class);
        SignIn.Outcome outcome = signIn.login(body.username(), body.password(), ctx.ip());
        if (outcome instanceof SignIn.Outcome.LoggedIn in) {
            Cookies.setSession(ctx, in.session());
            ctx.json(sessionJson(in.session()));
        } else if (outcome instanceof SignIn.Outcome.Locked locked) {
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).json(Map.of("error",
                    "too many failed logins: the account is locked until " + locked.until()));
        } else {
            ctx.status(HttpStatus.UNAUTHORIZED).json(Map.of("error", "wrong username or password"));
        }
    }

    private void whoAmI(Context ctx) {
        Principal p = AccessControl.principal(ctx);
        ctx.json(p.session().map(SessionEndpoints::sessionJson)
                .orElse(Map.of("username", p.name(), "role", p.role().label())));
    }

    private void logout(Context ctx) {
        AccessControl.principal(ctx).session().ifPresent(signIn::logout);
        Cookies.clearSession(ctx);
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void changePassword(Context ctx) {
        Requests.PasswordChange body = ctx.bodyAsClass(Requests.PasswordChange.class);
        operations.changeOwnPassword(AccessControl.principal(ctx), body.currentPassword(), body.newPassword());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void setUp(Context ctx) {
        Requests.Setup body = ctx.bodyAsClass(Requests.Setup.class);
        Session session = signIn.setUp(body.token(), body.username(), body.password());
        Cookies.setSession(ctx, session);
        ctx.status(HttpStatus.CREATED).json(sessionJson(session));
    }

    static Map<String, String> sessionJson(Session s) {
        return Map.of("username", s.username(), "role", s.role().label(), "csrfToken", s.csrfToken());
    }
}
