package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.api.Cookies;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.auth.Session;
import org.natterjack.webadmin.auth.SignIn;

/** Login, logout, one's own password and first-run setup pages. */
final class SignInPages {

    private final View view;
    private final SignIn signIn;
    private final Operations operations;

    SignInPages(View view, SignIn signIn, Operations operations) {
        this.view = view;
        this.signIn = signIn;
        this.operations = operations;
    }

    void register(Javalin app) {
        app.get("/login", ctx -> view.page(ctx, "login", "setupPending", signIn.setupPending()));
        app.post("/login", this::login);
        app.post("/logout", this::logout, Role.MONITOR);
        app.get("/password", ctx -> view.page(ctx, "password"), Role.MONITOR);
        app.post("/password", this::changePassword, Role.MONITOR);
        app.get("/setup", ctx -> view.page(ctx, "setup", "token", ctx.queryParam("token"),
                "pending", signIn.setupPending()));
        app.post("/setup", this::setUp);
    }

    private void login(Context ctx) {
        String username = View.field(ctx, "username");
        SignIn.Outcome outcome = signIn.login(username, ctx.formParam("password"), ctx.ip());
        if (outcome instanceof SignIn.Outcome.LoggedIn in) {
            Cookies.setSession(ctx, in.session());
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        String error = outcome instanceof SignIn.Outcome.Locked locked
                ? "Too many failed logins: this account is locked until " + locked.until() + "."
                : "Wrong username or password.";
        ctx.status(outcome instanceof SignIn.Outcome.Locked ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED);
        view.page(ctx, "login", "error", error, "username", username);
    }

    private void logout(Context ctx) {
        AccessControl.principal(ctx).session().ifPresent(signIn::logout);
        Cookies.clearSession(ctx);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private void changePassword(Context ctx) {
        String replacement = ctx.formParam("newPassword");
        try {
            if (replacement == null || !replacement.equals(ctx.formParam("confirm"))) {
                throw new InvalidFieldException("confirm", "confirm: the new passwords differ");
            }
            operations.changeOwnPassword(AccessControl.principal(ctx), ctx.formParam("currentPassword"),
                    replacement);
            view.page(ctx, "password", "done", true);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            view.page(ctx, "password", "error", e.getMessage());
        }
    }

    private void setUp(Context ctx) {
        String token = View.field(ctx, "token");
        String username = View.field(ctx, "username");
        String password = ctx.formParam("password");
        if (password == null || !password.equals(ctx.formParam("confirm"))) {
            ctx.status(HttpStatus.BAD_REQUEST);
            view.page(ctx, "setup", "token", token, "pending", true, "username", username,
                    "error", "The passwords differ.");
            return;
        }
        try {
            Session session = signIn.setUp(token, username, password);
            Cookies.setSession(ctx, session);
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            view.page(ctx, "setup", "token", token, "pending", signIn.setupPending(), "username", username,
                    "error", e.getMessage());
        }
    }
}
