package org.natterjack.admin;

import java.util.List;
import java.util.Optional;

/**
 * The SIP accounts. A change is visible to the registrar and the proxy within a moment (they reload the
 * accounts when the store changes). Invalid input is refused with an {@link InvalidFieldException} naming
 * the field.
 */
public interface SipUsers {

    List<SipUserInfo> list();

    /** The account {@code username} in {@code domain} ({@code ""}: the account valid in every local domain). */
    Optional<SipUserInfo> find(String username, String domain);

    /**
     * Adds an account; its realm is the domain, or the configured {@code auth.realm} without one.
     *
     * @throws InvalidFieldException for an invalid field or an account that exists
     */
    SipUserInfo add(NewSipUser user);

    /**
     * Changes display name, password, max contacts, NAT policy and/or home route.
     *
     * @return the account as it is now, or empty if there is none
     */
    Optional<SipUserInfo> update(String username, String domain, SipUserUpdate update);

    /** Removes an account (its current registrations stay until they expire or are unregistered). */
    boolean remove(String username, String domain);
}
