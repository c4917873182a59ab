package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.RouteRule;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Accounts;
import org.natterjack.webadmin.auth.ApiTokens;
import org.natterjack.webadmin.auth.Role;

/** Routing rules with the simulator, the audit log, accounts and API tokens. */
final class ConfigPages {

    private static final int AUDIT_PAGE = 500;

    private final View view;
    private final AdminApi admin;
    private final Operations operations;
    private final Accounts accounts;
    private final ApiTokens tokens;
    private final AuditLog audit;

    ConfigPages(View view, AdminApi admin, Operations operations, Accounts accounts, ApiTokens tokens,
                AuditLog audit) {
        this.view = view;
        this.admin = admin;
        this.operations = operations;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/routes", this::routes, Role.MONITOR);
        app.post("/routes", this::addRoute, Role.ADMIN);
        app.post("/routes/delete", ctx -> {
            operations.removeRoute(AccessControl.principal(ctx), id(ctx));
            ctx.redirect("/routes", HttpStatus.SEE_OTHER);
        }, Role.ADMIN);
        app.post("/routes/move", ctx -> {
            operations.moveRoute(AccessControl.principal(ctx), id(ctx), "up".equals(View.field(ctx, "direction"))
                    ? -1 : 1);
            ctx.redirect("/routes", HttpStatus.SEE_OTHER);
        }, Role.ADMIN);
        app.post("/routes/simulate", this::simulate, Role.MONITOR);
        app.get("/audit", ctx -> view.page(ctx, "audit", "entries", audit.latest(AUDIT_PAGE)), Role.ADMIN);
        app.get("/accounts", this::accounts, Role.ADMIN);
        app.post("/accounts", this::addAccount, Role.ADMIN);
        app.post("/accounts/delete", this::removeAccount, Role.ADMIN);
        app.post("/tokens", this::createToken, Role.ADMIN);
        app.post("/tokens/delete", ctx -> {
            operations.revokeToken(AccessControl.principal(ctx), id(ctx));
            ctx.redirect("/accounts", HttpStatus.SEE_OTHER);
        }, Role.ADMIN);
    }

    private void routes(Context ctx, Object... extra) {
        view.page(ctx, "routes", View.plus(new Object[] {"rules", admin.routes().list()}, extra));
    }

    private void addRoute(Context ctx) {
        RouteRule rule;
        try {
            rule = new RouteRule(0, integer(ctx, "position"), View.field(ctx, "prefix"), View.field(ctx, "regex"),
                    View.field(ctx, "source"), integer(ctx, "strip"), View.field(ctx, "addPrefix"),
                    View.field(ctx, "replace"), View.field(ctx, "replacement"), View.field(ctx, "destination"),
                    ctx.formParam("failover") != null, View.field(ctx, "description"));
            operations.addRoute(AccessControl.principal(ctx), rule);
            ctx.redirect("/routes", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            routes(ctx, "error", e.getMessage(), "form", ctx.formParamMap());
        }
    }

    private void simulate(Context ctx) {
        String number = View.field(ctx, "number");
        String source = View.field(ctx, "source");
        try {
            routes(ctx, "simulation", admin.routes().simulate(number, source), "number", number, "source", source);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            routes(ctx, "simulationError", e.getMessage(), "number", number, "source", source);
        }
    }

    private void accounts(Context ctx, Object... extra) {
        view.page(ctx, "accounts", View.plus(new Object[] {"accounts", accounts.list(), "tokens", tokens.list()},
                extra));
    }

    private void addAccount(Context ctx) {
        try {
            operations.addAccount(AccessControl.principal(ctx), View.field(ctx, "username"),
                    ctx.formParam("password"), Role.parse(View.field(ctx, "role")));
            ctx.redirect("/accounts", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            accounts(ctx, "error", e.getMessage());
        }
    }

    private void removeAccount(Context ctx) {
        try {
            operations.removeAccount(AccessControl.principal(ctx), View.field(ctx, "username"));
            ctx.redirect("/accounts", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            accounts(ctx, "error", e.getMessage());
        }
    }

    private void createToken(Context ctx) {
        try {
            ApiTokens.Created created = operations.createToken(AccessControl.principal(ctx),
                    View.field(ctx, "name"), Role.parse(View.field(ctx, "role")));
            accounts(ctx, "newToken", created.secret(), "newTokenName", created.token().name());
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            accounts(ctx, "tokenError", e.getMessage());
        }
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(View.field(ctx, "id"));
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("id", "id: not a number");
        }
    }

    private static int integer(Context ctx, String name) {
        String value = View.field(ctx, name);
        try {
            return value.isEmpty() ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(name, name + ": '" + value + "' is not a whole number");
        }
    }
}
