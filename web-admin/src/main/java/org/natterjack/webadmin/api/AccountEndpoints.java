package org.natterjack.webadmin.api;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Accounts;
import org.natterjack.webadmin.auth.ApiTokens;
import org.natterjack.webadmin.auth.Role;

/** Web admin accounts, API tokens and the audit log: admins only. */
final class AccountEndpoints {

    static final int AUDIT_LIMIT = 10_000;

    private final Accounts accounts;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final Operations operations;

    AccountEndpoints(Accounts accounts, ApiTokens tokens, AuditLog audit, Operations operations) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.operations = operations;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.of(GET, "/api/v1/accounts", Role.ADMIN, ctx -> ctx.json(accounts.list())),
                ApiRoute.of(POST, "/api/v1/accounts", Role.ADMIN, this::addAccount),
                ApiRoute.of(DELETE, "/api/v1/accounts/{username}", Role.ADMIN, this::removeAccount),
                ApiRoute.of(GET, "/api/v1/tokens", Role.ADMIN, ctx -> ctx.json(tokens.list())),
                ApiRoute.of(POST, "/api/v1/tokens", Role.ADMIN, this::createToken),
                ApiRoute.of(DELETE, "/api/v1/tokens/{id}", Role.ADMIN, this::revokeToken),
                ApiRoute.of(GET, "/api/v1/audit", Role.ADMIN, this::auditLog));
    }

    private void addAccount(Context ctx) {
        Requests.NewAccount body = ctx.bodyAsClass(Requests.NewAccount.class);
        Role role = Role.parse(body.role() == null ? "" : body.role());
        ctx.status(HttpStatus.CREATED).json(operations.addAccount(AccessControl.principal(ctx), body.username(),
                body.password(), role));
    }

    private void removeAccount(Context ctx) {
        if (!operations.removeAccount(AccessControl.principal(ctx), ctx.pathParam("username"))) {
            throw new NotFoundResponse("no account " + ctx.pathParam("username"));
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void createToken(Context ctx) {
        Requests.NewToken body = ctx.bodyAsClass(Requests.NewToken.class);
        Role role = Role.parse(body.role() == null ? "" : body.role());
        ApiTokens.Created created = operations.createToken(AccessControl.principal(ctx), body.name(), role);
        ctx.status(HttpStatus.CREATED).json(Map.of("token", created.token(), "secret", created.secret()));
    }

    private void revokeToken(Context ctx) {
        long id = GatewayEndpoints.id(ctx);
        if (!operations.revokeToken(AccessControl.principal(ctx), id)) {
            throw new NotFoundResponse("no token " + id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void auditLog(Context ctx) {
        var entries = audit.latest(AUDIT_LIMIT);
        if ("csv".equals(ctx.queryParam("format"))) {
            ctx.header("Content-Disposition", "attachment; filename=\"natterjack-audit.csv\"");
            ctx.contentType("text/csv; charset=utf-8").result(AuditLog.csv(entries));
        } else {
            ctx.json(entries);
        }
    }
}
