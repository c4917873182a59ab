package org.natterjack.webadmin.ui;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.RingGroupInfo;
import org.natterjack.admin.SipUserInfo;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.GroupOperations;
import org.natterjack.webadmin.auth.Role;

/** Ring groups ({@code /groups}): the list, marking members that are no SIP user, and the add/edit form. */
final class GroupPages {

    private final View view;
    private final AdminApi admin;
    private final GroupOperations groups;

    GroupPages(View view, AdminApi admin, GroupOperations groups) {
        this.view = view;
        this.admin = admin;
        this.groups = groups;
    }

    void register(Javalin app) {
        app.get("/groups", ctx -> {
            String edit = ctx.queryParam("group");
            page(ctx, "editGroup", edit, "form", edit == null ? Map.of()
                    : groups.find(edit).map(GroupPages::form).orElse(Map.of()));
        }, Role.MONITOR);
        app.post("/groups", this::save, Role.ADMIN);
        app.post("/groups/delete", ctx -> {
            groups.remove(AccessControl.principal(ctx), View.field(ctx, "name"));
            ctx.redirect("/groups", HttpStatus.SEE_OTHER);
        }, Role.ADMIN);
    }

    private void page(Context ctx, Object... extra) {
        Set<String> users = admin.users().list().stream().map(SipUserInfo::username).collect(Collectors.toSet());
        view.page(ctx, "groups", View.plus(new Object[] {"groups", groups.list(), "users", users}, extra));
    }

    private void save(Context ctx) {
        String original = View.field(ctx, "original");
        try {
            RingGroupInfo group = new RingGroupInfo(View.field(ctx, "name"), Arrays.stream(View.field(ctx,
                    "members").split("[,\\s]+")).filter(m -> !m.isEmpty()).toList(), View.field(ctx, "strategy"),
                    ringSeconds(View.field(ctx, "ringSeconds")));
            if (original.isEmpty()) {
                groups.add(AccessControl.principal(ctx), group);
            } else if (!original.equals(group.name())) {
                throw new InvalidFieldException("name", "name: a group keeps its name; add a new group instead");
            } else {
                groups.update(AccessControl.principal(ctx), group);
            }
            ctx.redirect("/groups", HttpStatus.SEE_OTHER);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, "error", e.getMessage(), "editGroup", original.isEmpty() ? null : original,
                    "form", Map.of("name", View.field(ctx, "name"), "members", View.field(ctx, "members"),
                            "strategy", View.field(ctx, "strategy"), "ringSeconds", View.field(ctx, "ringSeconds")));
        }
    }

    private static Map<String, Object> form(RingGroupInfo g) {
        return Map.of("name", g.name(), "members", String.join(", ", g.members()), "strategy", g.strategy(),
                "ringSeconds", g.ringSeconds());
    }

    private static int ringSeconds(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("ringSeconds", "ringSeconds: '" + value + "' is not a whole number");
        }
    }
}
