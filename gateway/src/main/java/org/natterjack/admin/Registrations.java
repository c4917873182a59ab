package org.natterjack.admin;

import java.util.List;

/** The registrar's current bindings. */
public interface Registrations {

    /** Every live binding, by address-of-record. */
    List<RegistrationInfo> list();

    /**
     * Removes one binding now, as if it had expired; the client may register again.
     *
     * @param key {@link RegistrationInfo#key()}
     * @return false if there was no such binding
     */
    boolean unregister(String aor, String key);
}
