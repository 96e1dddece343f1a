package io.yuqing.alerting.rules;

import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.model.ScoredDocument;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tries one rule (enabled or not) on stored items: replays them oldest first through the same evaluation the live
 * service uses, with the history in memory, and reports what would have fired. Sends and stores nothing.
 */
public final class RuleReplay {
    private RuleReplay() {
    }

    /**
     * What the rule would have done.
     *
     * @param firings  item rules: each firing in time order
     * @param silences source-silent rules: each silence that would have alerted
     * @param items    items replayed (including the look-back before {@code from})
     */
    public record Result(List<Firing> firings, List<SourceSilenceCheck.Silence> silences, int items) {
        public Result {
            firings = List.copyOf(firings);
            silences = List.copyOf(silences);
        }
    }

    /**
     * How far before the period items must be read so the rule's history is complete at its start (the quiet period,
     * the spread window, the source's gap history).
     */
    public static Duration lookBack(AlertRuleConfig rule) {
        return switch (rule) {
            case AlertRuleConfig.NewCategory r -> r.quietFor();
            case AlertRuleConfig.Spread r -> r.window();
            case AlertRuleConfig.SourceSilent r -> r.history();
            case AlertRuleConfig.ItemThreshold r -> Duration.ZERO;
            case AlertRuleConfig.KeywordWatch r -> Duration.ZERO;
        };
    }

    /**
     * @param items             stored items from {@code from - lookBack(rule)} to {@code to}, in any order
     * @param clusterOf         the repost cluster of a document id (its own id when it is not a repost)
     * @param configuredSources the sources a source-silent rule without its own list watches
     */
    public static Result replay(AlertRuleConfig rule, List<ScoredDocument> items, Function<String, String> clusterOf,
                                Instant from, Instant to, List<String> configuredSources) {
        List<ScoredDocument> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing((ScoredDocument d) -> d.document().effectiveTime())
                .thenComparing(d -> d.document().id()));
        if (rule instanceof AlertRuleConfig.SourceSilent silent) {
            Map<String, List<Instant>> bySource = new LinkedHashMap<>();
            for (String s : silent.sources().isEmpty() ? configuredSources : silent.sources()) {
                bySource.put(s, new ArrayList<>());
            }
            for (ScoredDocument d : sorted) {
                List<Instant> times = bySource.get(d.document().sourceId());
                if (times != null) {
                    times.add(d.document().effectiveTime());
                }
            }
            List<SourceSilenceCheck.Silence> silences = new ArrayList<>();
            bySource.forEach((source, times) -> silences.addAll(SourceSilenceCheck.replay(silent, source, times, from, to)));
            silences.sort(Comparator.comparing(SourceSilenceCheck.Silence::alertAt));
            return new Result(List.of(), silences, sorted.size());
        }
        RuleEngine engine = RuleEngine.only(rule);
        MemoryItemHistory history = new MemoryItemHistory();
        List<Firing> firings = new ArrayList<>();
        for (ScoredDocument d : sorted) {
            Instant at = d.document().effectiveTime();
            if (at.isAfter(to)) {
                break;
            }
            String cluster = clusterOf.apply(d.document().id());
            for (Firing f : engine.evaluate(d, cluster, history)) {
                if (!at.isBefore(from)) {
                    firings.add(f);
                }
            }
            RuleEngine.remember(d, cluster, history);
        }
        return new Result(firings, List.of(), sorted.size());
    }
}
