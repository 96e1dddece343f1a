package io.yuqing.core.config;

import io.yuqing.core.model.Enterprise;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The whole service configuration. Defaults live in {@code yuqing-defaults.yml}; {@link ConfigLoader} lays a
 * user's file over them, so every field here is present after loading.
 */
public record YuqingConfig(Path dataDir, ServerConfig server, DatabaseConfig database, IndexConfig index,
                           CrawlerConfig crawler, ScoringConfig scoring, SmtpConfig smtp, AlertingConfig alerting,
                           List<DeskConfig> desks, WatchlistConfig watchlist, List<SourceConfig> sources) {
    public YuqingConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        desks = desks == null ? List.of() : List.copyOf(desks);
        sources = sources == null ? List.of() : List.copyOf(sources);
        requireUniqueIds("desks", desks.stream().map(DeskConfig::id).toList());
        requireUniqueIds("sources", sources.stream().map(SourceConfig::id).toList());
    }

    private static void requireUniqueIds(String what, List<String> ids) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException(what + ": id '" + id + "' is used twice");
            }
        }
    }

    /** JDBC URL of the service database: the configured one, else an H2 file under the data directory. */
    public String jdbcUrl() {
        if (!database.url().isBlank()) {
            return database.url();
        }
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("yuqing").toAbsolutePath()
                + ";AUTO_SERVER=TRUE";
    }

    public Path indexDir() {
        return index.dir().isBlank() ? dataDir.resolve("index") : Path.of(index.dir());
    }

    /** Enterprises listed in the config file itself (the CSV, if any, is loaded by the caller). */
    public List<Enterprise> configuredEnterprises() {
        return watchlist.enterprises();
    }

    public YuqingConfig withDataDir(Path dir) {
        return new YuqingConfig(dir, server, database, index, crawler, scoring, smtp, alerting, desks, watchlist, sources);
    }

    public YuqingConfig withServer(ServerConfig newServer) {
        return new YuqingConfig(dataDir, newServer, database, index, crawler, scoring, smtp, alerting, desks, watchlist, sources);
    }

    public YuqingConfig withIndex(IndexConfig newIndex) {
        return new YuqingConfig(dataDir, server, database, newIndex, crawler, scoring, smtp, alerting, desks, watchlist, sources);
    }

    public YuqingConfig withSmtp(SmtpConfig newSmtp) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, newSmtp, alerting, desks, watchlist, sources);
    }

    public YuqingConfig withSources(List<SourceConfig> newSources) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, desks, watchlist, newSources);
    }

    public YuqingConfig withWatchlist(WatchlistConfig newWatchlist) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, desks, newWatchlist, sources);
    }

    public YuqingConfig withDesks(List<DeskConfig> newDesks) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, newDesks, watchlist, sources);
    }
}
