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
                           List<DeskConfig> desks, WatchlistConfig watchlist, List<SourceConfig> sources,
                           List<AlertRuleConfig> rules, RoutingConfig routing) {
    public YuqingConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        desks = desks == null ? List.of() : List.copyOf(desks);
        sources = sources == null ? List.of() : List.copyOf(sources);
        requireUniqueIds("desks", desks.stream().map(DeskConfig::id).toList());
        requireUniqueIds("sources", sources.stream().map(SourceConfig::id).toList());
        rules = rules == null ? List.of(defaultItemRule()) : rules;
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == null) {
                throw new IllegalArgumentException("rules: rule " + (i + 1) + " is empty");
            }
        }
        rules = List.copyOf(rules);
        requireUniqueIds("rules", rules.stream().map(AlertRuleConfig::id).toList());
        routing = routing == null ? RoutingConfig.defaults() : routing;
        requireKnownReferences(desks, sources, rules, routing);
    }

    /** Without rules and routing: the item-threshold rule alone, desks routed by their categories and minLevel. */
    public YuqingConfig(Path dataDir, ServerConfig server, DatabaseConfig database, IndexConfig index,
                        CrawlerConfig crawler, ScoringConfig scoring, SmtpConfig smtp, AlertingConfig alerting,
                        List<DeskConfig> desks, WatchlistConfig watchlist, List<SourceConfig> sources) {
        this(dataDir, server, database, index, crawler, scoring, smtp, alerting, desks, watchlist, sources, null, null);
    }

    /** The rule that gives the behaviour before rules were configurable: every item at blue or above alerts. */
    public static AlertRuleConfig defaultItemRule() {
        return new AlertRuleConfig.ItemThreshold("item-threshold", true, null, null, null, null);
    }

    /** Receivers must be desks, source-silent rules must name configured sources. */
    private static void requireKnownReferences(List<DeskConfig> desks, List<SourceConfig> sources,
                                               List<AlertRuleConfig> rules, RoutingConfig routing) {
        Set<String> deskIds = new HashSet<>(desks.stream().map(DeskConfig::id).toList());
        requireDesks("routing.receivers", routing.receivers(), deskIds);
        requireRouteDesks(routing.routes(), deskIds);
        Set<String> sourceIds = new HashSet<>(sources.stream().map(SourceConfig::id).toList());
        for (AlertRuleConfig rule : rules) {
            if (rule instanceof AlertRuleConfig.SourceSilent s) {
                for (String id : s.sources()) {
                    if (!sourceIds.contains(id)) {
                        throw new IllegalArgumentException("rule '" + s.id() + "': source '" + id
                                + "' is not among the configured sources (" + String.join(", ", sourceIds.stream().sorted().toList()) + ")");
                    }
                }
            }
        }
    }

    private static void requireRouteDesks(List<RouteConfig> routes, Set<String> deskIds) {
        for (RouteConfig r : routes) {
            requireDesks("route '" + (r.name().isEmpty() ? "(unnamed)" : r.name()) + "': receivers", r.receivers(), deskIds);
            requireRouteDesks(r.routes(), deskIds);
        }
    }

    private static void requireDesks(String what, List<String> receivers, Set<String> deskIds) {
        for (String id : receivers) {
            if (!deskIds.contains(id)) {
                throw new IllegalArgumentException(what + ": '" + id + "' is not a desk id (desks: "
                        + String.join(", ", deskIds.stream().sorted().toList()) + ")");
            }
        }
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
        return new YuqingConfig(dir, server, database, index, crawler, scoring, smtp, alerting, desks, watchlist, sources, rules, routing);
    }

    public YuqingConfig withServer(ServerConfig newServer) {
        return new YuqingConfig(dataDir, newServer, database, index, crawler, scoring, smtp, alerting, desks, watchlist, sources, rules, routing);
    }

    public YuqingConfig withIndex(IndexConfig newIndex) {
        return new YuqingConfig(dataDir, server, database, newIndex, crawler, scoring, smtp, alerting, desks, watchlist, sources);
    }

    public YuqingConfig withSmtp(SmtpConfig newSmtp) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, newSmtp, alerting, desks, watchlist, sources, rules, routing);
    }

    public YuqingConfig withSources(List<SourceConfig> newSources) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, desks, watchlist, newSources, rules, routing);
    }

    public YuqingConfig withWatchlist(WatchlistConfig newWatchlist) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, desks, newWatchlist, sources, rules, routing);
    }

    public YuqingConfig withRules(List<AlertRuleConfig> newRules) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, desks, watchlist, sources, newRules, routing);
    }

    public YuqingConfig withRouting(RoutingConfig newRouting) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, desks, watchlist, sources, rules, newRouting);
    }

    /** The rule with this id, enabled or not. */
    public java.util.Optional<AlertRuleConfig> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public YuqingConfig withDesks(List<DeskConfig> newDesks) {
        return new YuqingConfig(dataDir, server, database, index, crawler, scoring, smtp, alerting, newDesks, watchlist, sources, rules, routing);
    }
}
