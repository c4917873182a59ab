package org.natterjack.users;

/** Looks up accounts' {@link UserPolicy}; implemented by the store. Must be fast: called per REGISTER and call. */
@FunctionalInterface
public interface UserPolicies {

    /**
     * The policy of {@code username} in {@code domain}, falling back to the account valid in every domain;
     * {@link UserPolicy#DEFAULT} for an unknown account.
     */
    UserPolicy of(String username, String domain);
}
