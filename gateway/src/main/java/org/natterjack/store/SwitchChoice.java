package org.natterjack.store;

import java.time.Instant;

/**
 * An operator's switching of a plug-in's running part in the web admin: kept in the store, it wins over the
 * plug-in's {@code enabled} in the configuration file from then on.
 *
 * @param by the web admin account that switched it
 */
public record SwitchChoice(boolean enabled, String by, Instant at) {
}
