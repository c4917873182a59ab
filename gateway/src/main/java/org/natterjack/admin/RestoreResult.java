package org.natterjack.admin;

import java.util.List;
import java.util.Map;

/**
 * What a restore replaced.
 *
 * @param items per part restored, how many rows (users, rules, sections, ...) it now holds
 * @param unchanged parts of running plug-ins the document did not hold, left as they were
 */
public record RestoreResult(int version, Map<String, Integer> items, List<String> unchanged) {

    public RestoreResult {
        items = Map.copyOf(items);
        unchanged = List.copyOf(unchanged);
    }
}
