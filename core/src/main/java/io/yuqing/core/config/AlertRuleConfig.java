package io.yuqing.core.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.yuqing.core.model.RiskLevel;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert rule from the {@code rules:} list. Every kind has an id (unique, shown on alerts and used by
 * {@code yuqing rules test}), an enabled flag, labels that routing can match on, and a level or level mapping.
 * Escalation (a surge against an enterprise's own baseline) is not configured here: it is the escalation detector's.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AlertRuleConfig.ItemThreshold.class, name = AlertRuleConfig.ITEM_THRESHOLD),
        @JsonSubTypes.Type(value = AlertRuleConfig.NewCategory.class, name = AlertRuleConfig.NEW_CATEGORY),
        @JsonSubTypes.Type(value = AlertRuleConfig.Spread.class, name = AlertRuleConfig.SPREAD),
        @JsonSubTypes.Type(value = AlertRuleConfig.KeywordWatch.class, name = AlertRuleConfig.KEYWORD_WATCH),
        @JsonSubTypes.Type(value = AlertRuleConfig.SourceSilent.class, name = AlertRuleConfig.SOURCE_SILENT)})
public sealed interface AlertRuleConfig {
    String ITEM_THRESHOLD = "item-threshold";
    String NEW_CATEGORY = "new-category";
    String SPREAD = "spread";
    String KEYWORD_WATCH = "keyword-watch";
    String SOURCE_SILENT = "source-silent";
    /** The kinds, as written in the config, for messages. */
    List<String> KINDS = List.of(ITEM_THRESHOLD, NEW_CATEGORY, SPREAD, KEYWORD_WATCH, SOURCE_SILENT);

    String id();

    /** Never null once bound (missing means true). */
    Boolean enabled();

    Map<String, String> labels();

    /** The kind as written in the config. */
    String kind();

    /**
     * An item whose score and level reach the minimum raises an alert for each enterprise it is negative about: the
     * service's original behaviour, expressed as a rule.
     *
     * @param minScore lowest score (0–100) that fires; 0 leaves it to minLevel
     * @param minLevel lowest item level (from scoring.levels) that fires
     * @param level    the alert's level; null: the item's own level (the score mapping in scoring.levels)
     */
    record ItemThreshold(String id, Boolean enabled, Map<String, String> labels, Integer minScore, RiskLevel minLevel,
                         RiskLevel level) implements AlertRuleConfig {
        public ItemThreshold {
            id = RuleChecks.id(id);
            enabled = enabled == null || enabled;
            labels = RuleChecks.labels(id, labels);
            minScore = minScore == null ? 0 : minScore;
            if (minScore < 0 || minScore > 100) {
                throw new IllegalArgumentException("rule '" + id + "': minScore must be within 0..100, not " + minScore);
            }
            minLevel = RuleChecks.level(id, "minLevel", minLevel, RiskLevel.BLUE);
            level = level == null ? null : RuleChecks.level(id, "level", level, null);
        }

        @Override
        public String kind() {
            return ITEM_THRESHOLD;
        }
    }

    /**
     * The first risky item of an enterprise in a category after {@code quietFor} without one (e.g. the first food-safety
     * report about a software firm in 30 days).
     *
     * @param quietFor   how long the category must have been quiet for the enterprise
     * @param minLevel   lowest item level that counts, for the firing item and for the history
     * @param categories categories watched (codes); empty: all
     * @param level      the alert's level; null: the item's own level
     */
    record NewCategory(String id, Boolean enabled, Map<String, String> labels, Duration quietFor, RiskLevel minLevel,
                       List<io.yuqing.core.model.RiskCategory> categories, RiskLevel level) implements AlertRuleConfig {
        public NewCategory {
            id = RuleChecks.id(id);
            enabled = enabled == null || enabled;
            labels = RuleChecks.labels(id, labels);
            quietFor = quietFor == null ? Duration.ofDays(30) : quietFor;
            Checks.positive("rule '" + id + "': quietFor", quietFor);
            minLevel = RuleChecks.level(id, "minLevel", minLevel, RiskLevel.BLUE);
            categories = RuleChecks.list(id, "categories", categories);
            level = level == null ? null : RuleChecks.level(id, "level", level, null);
        }

        @Override
        public String kind() {
            return NEW_CATEGORY;
        }
    }

    /**
     * A story spreading: within {@code window}, the risky items about one enterprise reach a number of distinct sites
     * ({@code measure: sources}), or the items of one repost cluster reach a number ({@code measure: cluster}). Fires at
     * the item that crosses a threshold of {@code levels}, once per crossing.
     *
     * @param levels  the level reached at each count, e.g. {yellow: 3, orange: 5, red: 8}; counts rise with the level
     * @param window  how far back items count
     */
    record Spread(String id, Boolean enabled, Map<String, String> labels, Measure measure, Duration window,
                  Map<RiskLevel, Integer> levels) implements AlertRuleConfig {
        public enum Measure {
            /** Distinct websites (hosts) carrying risky items about the enterprise. */
            SOURCES,
            /** Items in the same repost cluster. */
            CLUSTER;

            @com.fasterxml.jackson.annotation.JsonCreator
            public static Measure parse(String text) {
                return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
                    case "sources" -> SOURCES;
                    case "cluster" -> CLUSTER;
                    default -> throw new IllegalArgumentException("spread measure must be sources or cluster, not '"
                            + text + "'");
                };
            }

            @com.fasterxml.jackson.annotation.JsonValue
            public String code() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public Spread {
            id = RuleChecks.id(id);
            enabled = enabled == null || enabled;
            labels = RuleChecks.labels(id, labels);
            measure = measure == null ? Measure.SOURCES : measure;
            window = window == null ? Duration.ofHours(24) : window;
            Checks.positive("rule '" + id + "': window", window);
            if (levels == null || levels.isEmpty()) {
                throw new IllegalArgumentException("rule '" + id + "': levels must map at least one level to a count,"
                        + " e.g. {orange: 3, red: 5}");
            }
            SortedMap<RiskLevel, Integer> sorted = new TreeMap<>();
            for (Map.Entry<RiskLevel, Integer> e : levels.entrySet()) {
                RiskLevel l = RuleChecks.level(id, "levels", e.getKey(), null);
                if (e.getValue() == null || e.getValue() < 2) {
                    throw new IllegalArgumentException("rule '" + id + "': levels." + l.code()
                            + " must be a count of at least 2, not " + e.getValue());
                }
                sorted.put(l, e.getValue());
            }
            int previous = 0;
            for (Map.Entry<RiskLevel, Integer> e : sorted.entrySet()) {
                if (e.getValue() <= previous) {
                    throw new IllegalArgumentException("rule '" + id + "': levels must need more items for a higher level"
                            + " (" + e.getKey().code() + ": " + e.getValue() + " is not above " + previous + ")");
                }
                previous = e.getValue();
            }
            levels = java.util.Collections.unmodifiableMap(new EnumMap<>(sorted));
        }

        /** The level a count reaches, or NONE below the lowest threshold. */
        public RiskLevel levelAt(int count) {
            RiskLevel reached = RiskLevel.NONE;
            for (Map.Entry<RiskLevel, Integer> e : levels.entrySet()) {
                if (count >= e.getValue()) {
                    reached = e.getKey();
                }
            }
            return reached;
        }

        @Override
        public String kind() {
            return SPREAD;
        }
    }

    /**
     * A boolean query on an item's title and text: every {@code required} term, at least one {@code anyOf} term (when
     * given) and no {@code excluded} term. Fires for each watched enterprise the item mentions (within
     * {@code enterprises}, when given), whether or not the scorer found it risky.
     *
     * @param enterprises ids or full names of the enterprises watched; empty: any watched enterprise
     * @param level       the alert's level
     */
    record KeywordWatch(String id, Boolean enabled, Map<String, String> labels, List<String> required,
                        List<String> anyOf, List<String> excluded, List<String> enterprises, RiskLevel level)
            implements AlertRuleConfig {
        public KeywordWatch {
            id = RuleChecks.id(id);
            enabled = enabled == null || enabled;
            labels = RuleChecks.labels(id, labels);
            required = RuleChecks.terms(id, "required", required);
            anyOf = RuleChecks.terms(id, "anyOf", anyOf);
            excluded = RuleChecks.terms(id, "excluded", excluded);
            if (required.isEmpty() && anyOf.isEmpty()) {
                throw new IllegalArgumentException("rule '" + id + "': a keyword watch needs required or anyOf terms");
            }
            enterprises = RuleChecks.terms(id, "enterprises", enterprises);
            level = RuleChecks.level(id, "level", level, RiskLevel.BLUE);
        }

        @Override
        public String kind() {
            return KEYWORD_WATCH;
        }
    }

    /**
     * A source that has brought no items for longer than usual: {@code factor} times its median gap between items over
     * {@code history}, and at least {@code minSilence}. A system alert mailed to {@code recipients} (operators), never to
     * desks.
     *
     * @param sources    source ids watched; empty: every configured source
     * @param recipients operators' mail addresses
     */
    record SourceSilent(String id, Boolean enabled, Map<String, String> labels, List<String> sources,
                        Duration minSilence, Double factor, Duration history, List<String> recipients, RiskLevel level)
            implements AlertRuleConfig {
        public SourceSilent {
            id = RuleChecks.id(id);
            enabled = enabled == null || enabled;
            labels = RuleChecks.labels(id, labels);
            sources = RuleChecks.terms(id, "sources", sources);
            minSilence = minSilence == null ? Duration.ofHours(6) : minSilence;
            Checks.positive("rule '" + id + "': minSilence", minSilence);
            factor = factor == null ? 3.0 : factor;
            if (!(factor >= 1.0)) {
                throw new IllegalArgumentException("rule '" + id + "': factor must be at least 1, not " + factor);
            }
            history = history == null ? Duration.ofDays(14) : history;
            Checks.positive("rule '" + id + "': history", history);
            recipients = RuleChecks.list(id, "recipients", recipients);
            if (recipients.isEmpty()) {
                throw new IllegalArgumentException("rule '" + id + "': a source-silent rule needs recipients (the"
                        + " operators' mail addresses); it never goes to desks");
            }
            for (String r : recipients) {
                if (r == null || !r.matches("[^@\\s]+@[^@\\s]+")) {
                    throw new IllegalArgumentException("rule '" + id + "': recipient '" + r + "' is not a mail address");
                }
            }
            level = RuleChecks.level(id, "level", level, RiskLevel.YELLOW);
        }

        @Override
        public String kind() {
            return SOURCE_SILENT;
        }
    }

    /** Shared validation with messages that name the rule. */
    final class RuleChecks {
        private RuleChecks() {
        }

        static String id(String id) {
            return Ids.require("rule", id);
        }

        static Map<String, String> labels(String id, Map<String, String> labels) {
            if (labels == null) {
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (e.getKey() == null || !e.getKey().matches("[a-z][a-z0-9_]{0,31}")) {
                    throw new IllegalArgumentException("rule '" + id + "': label name '" + e.getKey()
                            + "' must be lower-case letters, digits or _");
                }
                if (e.getValue() == null || e.getValue().isBlank()) {
                    throw new IllegalArgumentException("rule '" + id + "': label '" + e.getKey() + "' has no value");
                }
                out.put(e.getKey(), e.getValue().strip());
            }
            return java.util.Collections.unmodifiableMap(out);
        }

        static RiskLevel level(String id, String what, RiskLevel level, RiskLevel fallback) {
            if (level == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException("rule '" + id + "': " + what + " is missing");
                }
                return fallback;
            }
            if (level == RiskLevel.NONE) {
                throw new IllegalArgumentException("rule '" + id + "': " + what
                        + " must be blue, yellow, orange or red, not none");
            }
            return level;
        }

        static <T> List<T> list(String id, String what, List<T> values) {
            if (values == null) {
                return List.of();
            }
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    throw new IllegalArgumentException("rule '" + id + "': " + what + " item " + (i + 1) + " is empty");
                }
            }
            return List.copyOf(values);
        }

        static List<String> terms(String id, String what, List<String> values) {
            List<String> out = new java.util.ArrayList<>();
            for (String v : list(id, what, values)) {
                if (v.isBlank()) {
                    throw new IllegalArgumentException("rule '" + id + "': " + what + " has an empty term");
                }
                out.add(v.strip());
            }
            return List.copyOf(out);
        }
    }
}
