package org.natterjack.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.natterjack.sip.auth.SipUser;
import org.natterjack.store.UserRepository;
import org.natterjack.users.UserPolicy;

/** {@link SipUsers} on the store's accounts; a change reloads the registrar's and proxy's snapshot at once. */
final class StoreSipUsers implements SipUsers {

    private final UserRepository users;
    /** auth.realm: every password is hashed for it, new ones and changed ones alike. */
    private final Supplier<String> realm;
    private final IntSupplier maxContacts;

    StoreSipUsers(UserRepository users, Supplier<String> realm, IntSupplier maxContacts) {
        this.users = users;
        this.realm = realm;
        this.maxContacts = maxContacts;
    }

    @Override
    public List<SipUserInfo> list() {
        Map<String, String> names = users.displayNames();
        Map<String, UserPolicy> policies = users.policies();
        return users.list().stream().map(u -> info(u, names, policies)).toList();
    }

    @Override
    public Optional<SipUserInfo> find(String username, String domain) {
        return list().stream().filter(u -> u.username().equals(username) && u.domain().equalsIgnoreCase(domain))
                .findFirst();
    }

    @Override
    public SipUserInfo add(NewSipUser user) {
        if (!users.add(SipUser.withPassword(user.username(), user.domain(), realm.get(), user.password()))) {
            throw new InvalidFieldException("username", "username: " + user.username()
                    + (user.domain().isEmpty() ? "" : "@" + user.domain()) + " exists already");
        }
        users.setDisplayName(user.username(), user.domain(), user.displayName());
        users.setPolicy(user.username(), user.domain(), user.policy());
        users.refreshIfChanged();
        return find(user.username(), user.domain()).orElseThrow();
    }

    @Override
    public Optional<SipUserInfo> update(String username, String domain, SipUserUpdate update) {
        Optional<SipUser> current = users.list().stream()
                .filter(u -> u.username().equals(username) && u.domain().equalsIgnoreCase(domain)).findFirst();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        SipUser user = current.get();
        UserPolicy policy = users.policies().getOrDefault(UserRepository.key(user.username(), user.domain()),
                UserPolicy.DEFAULT);
        update.password().ifPresent(p ->
                users.replace(SipUser.withPassword(user.username(), user.domain(), realm.get(), p)));
        update.displayName().ifPresent(n -> users.setDisplayName(user.username(), user.domain(), n));
        users.setPolicy(user.username(), user.domain(), update.applyTo(policy));
        users.refreshIfChanged();
        return find(user.username(), user.domain());
    }

    @Override
    public boolean remove(String username, String domain) {
        return users.remove(username, domain);
    }

    private SipUserInfo info(SipUser u, Map<String, String> names, Map<String, UserPolicy> policies) {
        String key = UserRepository.key(u.username(), u.domain());
        UserPolicy policy = policies.getOrDefault(key, UserPolicy.DEFAULT);
        int global = maxContacts.getAsInt();
        return new SipUserInfo(u.username(), u.domain(), u.realm(), names.getOrDefault(key, ""),
                policy.maxContacts(), policy.maxContacts(global), policy.natPolicy().text(), policy.homeRoute(),
                policy.tunnel());
    }
}
