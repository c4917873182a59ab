package org.natterjack.webadmin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.natterjack.admin.AdminApi;
import org.natterjack.admin.InvalidFieldException;
import org.natterjack.admin.NewSipUser;
import org.natterjack.admin.RegistrationInfo;
import org.natterjack.admin.RouteRule;
import org.natterjack.admin.SipUserInfo;
import org.natterjack.admin.SipUserUpdate;
import org.natterjack.webadmin.audit.AuditLog;
import org.natterjack.webadmin.auth.Account;
import org.natterjack.webadmin.auth.Accounts;
import org.natterjack.webadmin.auth.ApiToken;
import org.natterjack.webadmin.auth.ApiTokens;
import org.natterjack.webadmin.auth.Principal;
import org.natterjack.webadmin.auth.Role;
import org.natterjack.webadmin.auth.Sessions;

/**
 * Every change the web admin can make, for pages and API alike: each one is carried out through the admin
 * API (or the web admin's own stores) and written to the audit log with its state before and after.
 * Invalid input throws {@link IllegalArgumentException} before anything is saved.
 */
public final class Operations {

    private final AdminApi admin;
    private final Accounts accounts;
    private final ApiTokens tokens;
    private final Sessions sessions;
    private final AuditLog audit;

    public Operations(AdminApi admin, Accounts accounts, ApiTokens tokens, Sessions sessions, AuditLog audit) {
        this.admin = admin;
        this.accounts = accounts;
        this.tokens = tokens;
        this.sessions = sessions;
        this.audit = audit;
    }

    public SipUserInfo addUser(Principal who, NewSipUser user) {
        SipUserInfo added = admin.users().add(user);
        audit.record(who.name(), "sip-user.add", userTarget(added.username(), added.domain()), null, added);
        return added;
    }

    /** @return empty if there is no such user */
    public Optional<SipUserInfo> updateUser(Principal who, String username, String domain, SipUserUpdate update) {
        Optional<SipUserInfo> before = admin.users().find(username, domain);
        Optional<SipUserInfo> after = admin.users().update(username, domain, update);
        after.ifPresent(a -> audit.record(who.name(), "sip-user.update", userTarget(username, domain),
                before.orElse(null), update.password().isPresent() ? Map.of("user", a, "password", "changed") : a));
        return after;
    }

    public boolean removeUser(Principal who, String username, String domain) {
        Optional<SipUserInfo> before = admin.users().find(username, domain);
        boolean removed = admin.users().remove(username, domain);
        if (removed) {
            audit.record(who.name(), "sip-user.remove", userTarget(username, domain), before.orElse(null), null);
        }
        return removed;
    }

    public boolean unregister(Principal who, String aor, String key) {
        Optional<RegistrationInfo> before = admin.registrations().list().stream()
                .filter(r -> r.aor().equals(aor) && r.key().equals(key)).findFirst();
        boolean removed = admin.registrations().unregister(aor, key);
        if (removed) {
            audit.record(who.name(), "registration.remove", aor, before.orElse(null), null);
        }
        return removed;
    }

    public boolean hangUp(Principal who, String callId) {
        boolean ended = admin.calls().hangUp(callId);
        if (ended) {
            audit.record(who.name(), "call.hang-up", callId, Map.of("state", "answered"), Map.of("state", "ended"));
        }
        return ended;
    }

    public RouteRule addRoute(Principal who, RouteRule rule) {
        RouteRule added = admin.routes().add(rule);
        audit.record(who.name(), "route.add", "rule " + added.id(), null, added);
        return added;
    }

    public boolean removeRoute(Principal who, long id) {
        Optional<RouteRule> before = admin.routes().list().stream().filter(r -> r.id() == id).findFirst();
        boolean removed = admin.routes().remove(id);
        if (removed) {
            audit.record(who.name(), "route.remove", "rule " + id, before.orElse(null), null);
        }
        return removed;
    }

    public void reorderRoutes(Principal who, List<Long> ids) {
        List<Long> before = admin.routes().list().stream().map(RouteRule::id).toList();
        admin.routes().reorder(ids);
        audit.record(who.name(), "route.reorder", "routing table", before, ids);
    }

    /** Moves a rule one place up ({@code -1}) or down ({@code +1}); false if there is no such rule. */
    public boolean moveRoute(Principal who, long id, int delta) {
        List<Long> ids = new java.util.ArrayList<>(admin.routes().list().stream().map(RouteRule::id).toList());
        int at = ids.indexOf(id);
        if (at < 0) {
            return false;
        }
        int to = Math.max(0, Math.min(ids.size() - 1, at + delta));
        ids.add(to, ids.remove(at));
        reorderRoutes(who, ids);
        return true;
    }

    /**
     * Changes the caller's own password (a browser session's account; API tokens have none).
     *
     * @throws IllegalArgumentException if the current password is wrong or the new one invalid
     */
    public void changeOwnPassword(Principal who, String current, String replacement) {
        String username = who.session().map(s -> s.username()).orElseThrow(() ->
                new InvalidFieldException("currentPassword", "currentPassword: an API token has no password to change"));
        if (!accounts.changePassword(username, current, replacement)) {
            throw new InvalidFieldException("currentPassword", "currentPassword: that is not your current password");
        }
        audit.record(who.name(), "account.password", username, Map.of("password", "old"),
                Map.of("password", "changed"));
    }

    public Account addAccount(Principal who, String username, String password, Role role) {
        Account added = accounts.add(username, password, role);
        audit.record(who.name(), "account.add", username, null, added);
        return added;
    }

    /** @throws IllegalArgumentException when removing oneself (so an admin cannot lock everyone out) */
    public boolean removeAccount(Principal who, String username) {
        if (who.session().isPresent() && who.session().get().username().equals(username)) {
            throw new InvalidFieldException("username", "username: you cannot remove your own account");
        }
        Optional<Account> before = accounts.find(username);
        boolean removed = accounts.remove(username);
        if (removed) {
            sessions.endAllOf(username);
            audit.record(who.name(), "account.remove", username, before.orElse(null), null);
        }
        return removed;
    }

    public ApiTokens.Created createToken(Principal who, String name, Role role) {
        ApiTokens.Created created = tokens.create(name, role, who.name());
        audit.record(who.name(), "api-token.create", name, null, created.token());
        return created;
    }

    public boolean revokeToken(Principal who, long id) {
        Optional<ApiToken> before = tokens.find(id);
        boolean revoked = tokens.revoke(id);
        if (revoked) {
            audit.record(who.name(), "api-token.revoke", before.map(ApiToken::name).orElse("#" + id),
                    before.orElse(null), null);
        }
        return revoked;
    }

    private static String userTarget(String username, String domain) {
        return domain.isEmpty() ? username : username + "@" + domain;
    }
}
