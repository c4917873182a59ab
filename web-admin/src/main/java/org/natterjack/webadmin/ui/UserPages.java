package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.NewSipUser;
import org.natterjack.admin.SipUserUpdate;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.AdminServer;
import org.natterjack.webadmin.Operations;
import org.natterjack.webadmin.auth.Role;

/**
 * SIP users ({@code /users}): the list with each account's settings, the add form and a change form per row.
 * A refused value is shown next to the field it concerns, and the form keeps what was typed.
 */
final class UserPages {

    private final View view;
    private final AdminApi admin;
    private final Operations operations;

    UserPages(View view, AdminApi admin, Operations operations) {
        this.view = view;
        this.admin = admin;
        this.operations = operations;
    }

    void register(Javalin app) {
        app.get("/users", ctx -> page(ctx), Role.MONITOR);
        app.post("/users", this::add, Role.OPERATOR);
        app.post("/users/update", this::update, Role.OPERATOR);
        app.post("/users/delete", ctx -> {
            operations.removeUser(AccessControl.principal(ctx), View.field(ctx, "username"),
                    View.field(ctx, "domain"));
            ctx.redirect("/users", HttpStatus.SEE_OTHER);
        }, Role.OPERATOR);
    }

    private void page(Context ctx, Object... form) {
        view.page(ctx, "users", View.plus(new Object[] {"users", admin.users().list()}, form));
    }

    private void add(Context ctx) {
        String username = View.field(ctx, "username");
        String domain = View.field(ctx, "domain");
        String displayName = View.field(ctx, "displayName");
        String maxContacts = View.field(ctx, "maxContacts");
        String natPolicy = View.field(ctx, "natPolicy");
        String homeRoute = View.field(ctx, "homeRoute");
        try {
            operations.addUser(AccessControl.principal(ctx), new NewSipUser(username, domain, displayName,
                    ctx.formParam("password"), number(maxContacts), natPolicy, homeRoute));
            ctx.redirect("/users", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, "error", e.getMessage(), "errorField", errorField(e), "username", username, "domain", domain,
                    "displayName", displayName, "maxContacts", maxContacts, "natPolicy", natPolicy,
                    "homeRoute", homeRoute);
        }
    }

    private void update(Context ctx) {
        String username = View.field(ctx, "username");
        String domain = View.field(ctx, "domain");
        String password = ctx.formParam("password");
        try {
            operations.updateUser(AccessControl.principal(ctx), username, domain, new SipUserUpdate(
                    Optional.of(View.field(ctx, "displayName")),
                    password == null || password.isEmpty() ? Optional.empty() : Optional.of(password),
                    Optional.of(number(View.field(ctx, "maxContacts"))), Optional.of(View.field(ctx, "natPolicy")),
                    Optional.of(View.field(ctx, "homeRoute")), Optional.of(ctx.formParam("tunnel") != null)));
            ctx.redirect("/users", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, "updateError", e.getMessage(), "errorField", errorField(e), "errorUser", username,
                    "errorDomain", domain);
        }
    }

    /** A number field: empty is 0 (the registrar's setting). */
    private static int number(String text) {
        try {
            return text.isEmpty() ? 0 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("maxContacts", "maxContacts: '" + text + "' is not a whole number");
        }
    }

    private static String errorField(IllegalArgumentException e) {
        return AdminServer.fieldOf(e).orElse("");
    }
}
