package org.natterjack.admin;

/**
 * One setting.
 *
 * @param key the key in the configuration file section ({@code keepalive-seconds})
 * @param value the effective value (strings, numbers, booleans, lists and maps, as JSON has them)
 * @param fileValue the value of the configuration file (or the default)
 * @param overridden the operator set this key (it is kept in the store)
 * @param live a change reaches the running gateway at once; false: fixed at start, applies after a restart
 * @param restartPending the value differs from the one the gateway started with and applies after a restart
 */
public record SettingValue(String key, Object value, Object fileValue, boolean overridden, boolean live,
                           boolean restartPending) {
}
