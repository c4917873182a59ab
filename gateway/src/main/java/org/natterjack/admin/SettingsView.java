package org.natterjack.admin;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One section of the settings ({@code registrar}, {@code nat}, ...) with every key's value. */
public record SettingsView(String section, List<SettingValue> values) {

    public SettingsView {
        values = List.copyOf(values);
    }

    /** Only the overridden keys, with their values: what an audit entry or a backup needs. */
    public Map<String, Object> overrides() {
        return values.stream().filter(SettingValue::overridden)
                .collect(Collectors.toMap(SettingValue::key, v -> v.value() == null ? "" : v.value(),
                        (a, b) -> a, java.util.TreeMap::new));
    }
}
