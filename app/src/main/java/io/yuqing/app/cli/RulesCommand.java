package io.yuqing.app.cli;

import io.yuqing.alerting.rules.Firing;
import io.yuqing.alerting.rules.RuleReplay;
import io.yuqing.alerting.rules.SourceSilenceCheck;
import io.yuqing.app.service.StoredItems;
import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.Durations;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.ScoredDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** Alert rules: try one on stored documents before enabling it. */
@Command(name = "rules", description = "Work with the alert rules.", subcommands = {RulesCommand.Test.class, RulesCommand.ListRules.class})
public final class RulesCommand {

    @Command(name = "list", description = "List the configured alert rules.")
    static final class ListRules implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration (default: the built-in defaults)")
        Path config;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            YuqingConfig cfg = config == null ? new ConfigLoader().defaults() : new ConfigLoader().load(config);
            PrintWriter out = spec.commandLine().getOut();
            for (AlertRuleConfig r : cfg.rules()) {
                out.printf("%-24s %-15s %s%s%n", r.id(), r.kind(), r.enabled() ? "enabled" : "disabled",
                        r.labels().isEmpty() ? "" : "  labels " + r.labels());
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Replays the stored documents of a period through one rule, as the service would have evaluated them as they
     * arrived, and prints each firing. Reads the index and the service database; writes and sends nothing.
     */
    @Command(name = "test", description = "Show when a rule (enabled or not) would have fired on the stored documents; sends nothing.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "RULE_ID", description = "the rule's id in the configuration")
        String id;
        @Option(names = "--since", defaultValue = "30d", paramLabel = "DURATION",
                description = "how far back to try it, e.g. 7d or 12h (default ${DEFAULT-VALUE})")
        String since;
        @Option(names = "--config", paramLabel = "FILE", description = "configuration naming the rule, the index and the database (default: the built-in defaults)")
        Path config;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        /** The time the period ends; the system clock unless a test sets it. */
        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() throws Exception {
            YuqingConfig cfg = config == null ? new ConfigLoader().defaults() : new ConfigLoader().load(config);
            AlertRuleConfig rule = cfg.rule(id).orElseThrow(() -> new YuqingCommand.BadInputException("no rule '" + id
                    + "' in " + (config == null ? "the defaults" : config) + "; rules: "
                    + cfg.rules().stream().map(AlertRuleConfig::id).collect(Collectors.joining(", "))));
            Duration period;
            try {
                period = Durations.parse(since);
            } catch (IllegalArgumentException e) {
                throw new YuqingCommand.BadInputException("--since: " + e.getMessage());
            }
            if (period.isZero() || period.isNegative()) {
                throw new YuqingCommand.BadInputException("--since must be a positive duration such as 30d, not '" + since + "'");
            }
            Instant to = clock.instant();
            Instant from = to.minus(period);
            ZoneId zone = cfg.alerting().zone();
            DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
            StoredItems.Loaded loaded;
            try {
                loaded = StoredItems.load(cfg, from.minus(RuleReplay.lookBack(rule)), to);
            } catch (StoredItems.UnavailableException e) {
                throw new YuqingCommand.BadInputException(e.getMessage());
            }
            Map<String, String> clusters = new HashMap<>(loaded.clusters());
            RuleReplay.Result result = RuleReplay.replay(rule, loaded.items(), docId -> clusters.getOrDefault(docId, docId),
                    from, to, cfg.sources().stream().map(SourceConfig::id).toList());
            PrintWriter out = spec.commandLine().getOut();
            out.printf("rule %s (%s, %s) from %s to %s (%s): %d stored items read%s%n", rule.id(), rule.kind(),
                    rule.enabled() ? "enabled" : "disabled", time.format(from), time.format(to), zone.getId(),
                    result.items(), loaded.truncated() ? " (the newest " + result.items() + " only)" : "");
            out.println(readFrom(loaded.readFrom(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(zone)));
            Map<String, ScoredDocument> byId = new HashMap<>();
            loaded.items().forEach(d -> byId.put(d.document().id(), d));
            for (Firing f : result.firings()) {
                ScoredDocument d = byId.get(f.documentId());
                out.printf("%s  %s  %s  %s%n    %s  %s%n", time.format(f.at()), f.level().label(), f.enterpriseName(),
                        f.reason(), d.document().title(), d.document().url());
            }
            for (SourceSilenceCheck.Silence s : result.silences()) {
                out.printf("%s  %s  source %s silent since %s (usual gap %s, threshold %s) -> %s%n", time.format(s.alertAt()),
                        ((AlertRuleConfig.SourceSilent) rule).level().label(), s.sourceId(), time.format(s.lastItemAt()),
                        s.usualGap() == null ? "unknown" : Durations.format(s.usualGap()), Durations.format(s.threshold()),
                        String.join(", ", ((AlertRuleConfig.SourceSilent) rule).recipients()));
            }
            if (rule instanceof AlertRuleConfig.SourceSilent) {
                out.printf("%d silences would have alerted; nothing was sent.%n", result.silences().size());
            } else {
                Set<String> enterprises = new LinkedHashSet<>(result.firings().stream().map(Firing::enterpriseId).toList());
                out.printf("%d firings for %d enterprises; nothing was sent.%n", result.firings().size(), enterprises.size());
            }
            out.flush();
            return 0;
        }

        /** Where the items came from and how current they are: staff run this while the service is running. */
        static String readFrom(StoredItems.ReadFrom readFrom, DateTimeFormatter time) {
            return switch (readFrom) {
                case StoredItems.ReadFrom.LuceneIndex(Path dir, var f) -> "read from the index at " + dir
                        + " (without its write lock, so also while the service runs): "
                        + (f.committedAt() != null ? "its last commit, of " + time.format(f.committedAt()) + ", with "
                        + f.committedDocuments() + " documents" : f.committedDocuments() > 0 ? "a commit with "
                        + f.committedDocuments() + " documents" : "no commit yet")
                        + ", and " + f.loggedDocuments() + " documents stored since, from its write-ahead log"
                        + " — everything stored up to the moment of reading";
                case StoredItems.ReadFrom.Elasticsearch(var hosts) -> "read from Elasticsearch at " + hosts
                        + " — everything indexed up to about a second before reading";
            };
        }
    }

}
