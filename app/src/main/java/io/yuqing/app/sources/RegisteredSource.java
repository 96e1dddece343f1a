package io.yuqing.app.sources;

import io.yuqing.core.config.SourceConfig;

import java.time.Instant;

/**
 * A source as the service runs it: its definition, where that comes from, and whether staff paused it.
 *
 * @param changedBy who last added, paused or resumed it; empty for a config-file source never touched
 * @param changedAt when; null for a config-file source never touched
 */
public record RegisteredSource(SourceConfig source, Origin origin, boolean paused, String changedBy, Instant changedAt) {

    /** Where a source's definition lives. */
    public enum Origin {
        /** The configuration file: changed by editing the file and restarting; can be paused at run time. */
        CONFIG,
        /** Added at run time from the console, the API or the CLI; stored in the service database. */
        ADDED
    }

    public String id() {
        return source.id();
    }

    public boolean removable() {
        return origin == Origin.ADDED;
    }
}
