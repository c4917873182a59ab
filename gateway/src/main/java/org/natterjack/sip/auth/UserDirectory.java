package org.natterjack.sip.auth;

import java.util.Optional;

/** Looks up SIP accounts; implemented by the store. Must be fast: it is called for every authenticated request. */
public interface UserDirectory {

    /** The account for {@code username} in {@code domain}, falling back to an account valid in every domain. */
    Optional<SipUser> find(String username, String domain);
}
