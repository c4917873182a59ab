package org.natterjack.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's settings as the operator sees them: the configuration file's sections overlaid with
 * overrides kept in the store. A change is validated like the file (cross-section rules included) and then
 * saved and applied to the running gateway at once; keys marked {@link SettingValue#live()} false are saved
 * but reach the gateway only at its next start.
 */
public interface Settings {

    /** Every section (registrar, auth, nat, proxy, dns, relay, sip) with its effective values. */
    List<SettingsView> sections();

    Optional<SettingsView> section(String name);

    /**
     * Overrides keys of {@code section} with {@code values} (file keys and value forms, e.g.
     * {@code "keepalive-seconds": 30}; a null value drops that key's override). Nothing is saved when any
     * value is wrong.
     *
     * @throws IllegalArgumentException for an unknown section
     */
    SettingsChange apply(String section, Map<String, Object> values);

    /**
     * Drops every override of {@code section}: the file's values apply again (refused if that would break a
     * rule with another section's overrides).
     *
     * @throws IllegalArgumentException for an unknown section
     */
    SettingsChange reset(String section);
}
