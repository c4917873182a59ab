package org.natterjack.pstn.api;

import java.time.Instant;

/**
 * An operator's switching of the PSTN adapter from the web admin: kept in the store, it wins over
 * {@code plugins.pstn.enabled} in the configuration file from then on.
 *
 * @param by the web admin account that switched it
 */
public record AdapterChoice(boolean enabled, String by, Instant at) {
}
