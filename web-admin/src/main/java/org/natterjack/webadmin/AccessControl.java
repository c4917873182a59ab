package org.natterjack.webadmin;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;
import org.natterjack.webadmin.auth.ApiTokens;
import org.natterjack.webadmin.auth.Principal;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.auth.Session;
import org.natterjack.webadmin.auth.Sessions;

/**
 * Who may do what: runs before every matched route. A route without roles is public; any other needs a
 * session cookie or a bearer token of at least the route's role, and a request that changes state with a
 * cookie must carry the session's CSRF token ({@value #CSRF_HEADER} header or {@value #CSRF_FIELD} form
 * field). A bearer token needs none: browsers never send it by themselves.
 */
public final class AccessControl {

    public static final String SESSION_COOKIE = "natterjack_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    private static final String PRINCIPAL = "principal";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final Sessions sessions;
    private final ApiTokens tokens;

    public AccessControl(Sessions sessions, ApiTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** For {@code beforeMatched}. */
    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        Optional<Principal> who = identify(ctx);
        who.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        if (roles.isEmpty()) {
            return;
        }
        Principal principal = who.orElseThrow(() -> new UnauthorizedResponse("log in first"));
        if (!SAFE.contains(ctx.method()) && principal.session().isPresent()) {
            String offered = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> formField(ctx));
            if (!principal.session().get().csrfToken().equals(offered)) {
                throw new ForbiddenResponse("CSRF token missing or wrong: send the session's token in "
                        + CSRF_HEADER);
            }
        }
        Role needed = (Role) roles.iterator().next();
        if (!principal.role().includes(needed)) {
            throw new ForbiddenResponse("this needs the " + needed.label() + " role; you are "
                    + principal.role().label());
        }
    }

    /** Who made the request; present on every route that has a role. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new UnauthorizedResponse("log in first");
        }
        return p;
    }

    public static Optional<Principal> maybePrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }

    private Optional<Principal> identify(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.authenticate(authorization.substring(7).trim())
                    .map(t -> new Principal("token:" + t.name(), t.role(), Optional.empty()));
        }
        Optional<Session> session = sessions.touch(ctx.cookie(SESSION_COOKIE));
        return session.map(s -> new Principal(s.username(), s.role(), Optional.of(s)));
    }

    private static String formField(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("multipart/form-data")) ? ctx.formParam(CSRF_FIELD) : null;
    }
}
