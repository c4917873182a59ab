package org.natterjack.webadmin.api;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import org.natterjack.webadmin.AccessControl;
import org.natterjack.webadmin.auth.Session;

/** The session cookie: HTTPS only, out of reach of scripts, never sent by other sites. */
public final class Cookies {

    private Cookies() {
    }

    public static void setSession(Context ctx, Session session) {
        ctx.cookie(new Cookie(AccessControl.SESSION_COOKIE, session.id(), "/", -1, true, 0, true, null, null,
                SameSite.STRICT));
    }

    public static void clearSession(Context ctx) {
        ctx.cookie(new Cookie(AccessControl.SESSION_COOKIE, "", "/", 0, true, 0, true, null, null,
                SameSite.STRICT));
    }
}
