package io.yuqing.core.config;

import io.yuqing.core.model.Enterprise;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enterprises to watch: listed inline and/or in a CSV file.
 *
 * @param exclusions per enterprise (its full name or id), phrases in which its names do not count as a mention,
 *                   e.g. 云帆路 for 云帆 (a street named after the brand)
 */
public record WatchlistConfig(String csv, List<Enterprise> enterprises, Map<String, List<String>> exclusions) {
    public WatchlistConfig {
        csv = csv == null ? "" : csv.strip();
        enterprises = enterprises == null ? List.of() : List.copyOf(enterprises);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (exclusions != null) {
            exclusions.forEach((k, v) -> copy.put(k.strip(), v == null ? List.of() : List.copyOf(v)));
        }
        exclusions = Map.copyOf(copy);
    }

    public WatchlistConfig(String csv, List<Enterprise> enterprises) {
        this(csv, enterprises, Map.of());
    }
}
