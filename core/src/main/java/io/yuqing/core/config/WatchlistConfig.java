package io.yuqing.core.config;

import io.yuqing.core.model.Enterprise;

import java.util.List;

/** Enterprises to watch: listed inline and/or in a CSV file. */
public record WatchlistConfig(String csv, List<Enterprise> enterprises) {
    public WatchlistConfig {
        csv = csv == null ? "" : csv.strip();
        enterprises = enterprises == null ? List.of() : List.copyOf(enterprises);
    }
}
