package org.natterjack.webadmin.ui;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.auth.Principal;
import org.natterjack.webadmin.auth.Role;

/** Renders a page with what every page needs: who is logged in, what they may do, the CSRF token. */
final class View {

    private final Templates templates;
    private final Optional<String> node;

    /** @param node the node serving the pages, named in every page when several share the store */
    View(Templates templates, Optional<String> node) {
        this.templates = templates;
        this.node = node;
    }

    /** A page for the logged-in user; {@code model} holds alternating names and values. */
    void page(Context ctx, String template, Object... model) {
        Map<String, Object> m = model(model);
        AccessControl.maybePrincipal(ctx).ifPresent(p -> addPrincipal(m, p));
        node.ifPresent(n -> m.put("servedBy", n));
        ctx.contentType("text/html; charset=utf-8").result(templates.render(template, m));
    }

    /** {@code base} followed by {@code extra}: a page's own model plus what one request adds. */
    static Object[] plus(Object[] base, Object... extra) {
        Object[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    static Map<String, Object> model(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static void addPrincipal(Map<String, Object> m, Principal p) {
        m.put("me", p.name());
        m.put("role", p.role().label());
        m.put("canOperate", p.role().includes(Role.OPERATOR));
        m.put("isAdmin", p.role().includes(Role.ADMIN));
        p.session().ifPresent(s -> m.put("csrf", s.csrfToken()));
    }

    /** A form field, trimmed; empty when absent. */
    static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.trim();
    }
}
