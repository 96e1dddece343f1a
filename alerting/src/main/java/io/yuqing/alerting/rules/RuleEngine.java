package io.yuqing.alerting.rules;

import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;

import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the per-item rules (item threshold, new category, spread, keyword watch) on one scored item. The same
 * code serves the live service (history in the database) and {@code yuqing rules test} (history in memory, replayed
 * from stored documents), so a rule tried on the past fires as it will fire live. Source-silent rules are not per item:
 * {@link SourceSilenceCheck} evaluates them.
 */
public final class RuleEngine {
    private final List<AlertRuleConfig> rules;

    private RuleEngine(List<AlertRuleConfig> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The enabled rules of the configuration. */
    public static RuleEngine enabled(List<AlertRuleConfig> rules) {
        return new RuleEngine(rules.stream().filter(AlertRuleConfig::enabled).toList());
    }

    /** One rule, enabled or not (for trying it out). */
    public static RuleEngine only(AlertRuleConfig rule) {
        return new RuleEngine(List.of(rule));
    }

    public List<AlertRuleConfig> rules() {
        return rules;
    }

    /**
     * The firings this item causes, given what came before it. Reads the history, never writes it: call
     * {@link #remember} after.
     *
     * @param clusterId the item's repost cluster (its own id when it is not a repost)
     */
    public List<Firing> evaluate(ScoredDocument item, String clusterId, ItemHistory history) {
        List<Firing> out = new ArrayList<>();
        for (AlertRuleConfig rule : rules) {
            switch (rule) {
                case AlertRuleConfig.ItemThreshold r -> itemThreshold(r, item, out);
                case AlertRuleConfig.NewCategory r -> newCategory(r, item, history, out);
                case AlertRuleConfig.Spread r -> spread(r, item, clusterId, history, out);
                case AlertRuleConfig.KeywordWatch r -> keywordWatch(r, item, out);
                case AlertRuleConfig.SourceSilent r -> {
                    // not an item rule: evaluated on the delivery loop's tick
                }
            }
        }
        return List.copyOf(out);
    }

    /** Adds the item's risky enterprises to the history. */
    public static void remember(ScoredDocument item, String clusterId, ItemHistory history) {
        RiskAssessment risk = item.risk();
        for (String enterpriseId : new LinkedHashSet<>(risk.riskEntities())) {
            history.record(new RecordedItem(item.document().id(), enterpriseId, site(item.document().url()), clusterId,
                    risk.categories(), risk.level(), item.document().effectiveTime()));
        }
    }

    private static void itemThreshold(AlertRuleConfig.ItemThreshold r, ScoredDocument item, List<Firing> out) {
        RiskAssessment risk = item.risk();
        if (!risk.level().atLeast(r.minLevel()) || risk.score() < r.minScore()) {
            return;
        }
        RiskLevel level = r.level() != null ? r.level() : risk.level();
        for (Mention m : riskMentions(item)) {
            out.add(firing(r, m, item, level, "风险分值 " + risk.score() + "（" + risk.level().label() + "）"));
        }
    }

    private static void newCategory(AlertRuleConfig.NewCategory r, ScoredDocument item, ItemHistory history,
                                    List<Firing> out) {
        RiskAssessment risk = item.risk();
        if (!risk.level().atLeast(r.minLevel())) {
            return;
        }
        Instant at = item.document().effectiveTime();
        for (Mention m : riskMentions(item)) {
            List<String> fresh = new ArrayList<>();
            for (RiskCategory category : risk.categories()) {
                if ((r.categories().isEmpty() || r.categories().contains(category))
                        && !history.hasCategory(m.enterpriseId(), category, r.minLevel(), at.minus(r.quietFor()), at,
                        item.document().id())) {
                    fresh.add(category.label());
                }
            }
            if (!fresh.isEmpty()) {
                RiskLevel level = r.level() != null ? r.level() : risk.level();
                out.add(firing(r, m, item, level, "该企业 " + io.yuqing.core.config.Durations.format(r.quietFor())
                        + " 内首次出现" + String.join("、", fresh) + "类风险报道"));
            }
        }
    }

    private static void spread(AlertRuleConfig.Spread r, ScoredDocument item, String clusterId, ItemHistory history,
                               List<Firing> out) {
        Instant at = item.document().effectiveTime();
        Instant from = at.minus(r.window());
        String docId = item.document().id();
        for (Mention m : riskMentions(item)) {
            int before;
            int after;
            String what;
            if (r.measure() == AlertRuleConfig.Spread.Measure.SOURCES) {
                Set<String> sites = new java.util.TreeSet<>(history.sites(m.enterpriseId(), from, at, docId));
                before = sites.size();
                sites.add(site(item.document().url()));
                after = sites.size();
                what = after + " 个网站";
            } else {
                before = history.clusterSize(clusterId, from, at, docId);
                after = before + 1;
                what = "同一报道 " + after + " 篇";
            }
            RiskLevel reached = r.levelAt(after);
            if (reached.compareTo(r.levelAt(before)) > 0) {
                out.add(firing(r, m, item, reached, io.yuqing.core.config.Durations.format(r.window()) + " 内已有"
                        + what + "报道该企业风险"));
            }
        }
    }

    private static void keywordWatch(AlertRuleConfig.KeywordWatch r, ScoredDocument item, List<Firing> out) {
        String text = normalise(item.document().title() + "\n" + item.document().text());
        for (String term : r.required()) {
            if (!text.contains(normalise(term))) {
                return;
            }
        }
        List<String> any = r.anyOf().stream().filter(t -> text.contains(normalise(t))).toList();
        if (!r.anyOf().isEmpty() && any.isEmpty()) {
            return;
        }
        for (String term : r.excluded()) {
            if (text.contains(normalise(term))) {
                return;
            }
        }
        List<String> hit = new ArrayList<>(r.required());
        hit.addAll(any);
        Map<String, Mention> mentioned = new LinkedHashMap<>();
        item.mentions().forEach(m -> mentioned.putIfAbsent(m.enterpriseId(), m));
        for (Mention m : mentioned.values()) {
            if (r.enterprises().isEmpty() || r.enterprises().contains(m.enterpriseId())
                    || r.enterprises().contains(m.name())) {
                out.add(firing(r, m, item, r.level(), "命中关键词：" + String.join("、", hit)));
            }
        }
    }

    /** The mentioned enterprises the item is negative about, in the scorer's order. */
    private static List<Mention> riskMentions(ScoredDocument item) {
        Map<String, Mention> mentioned = new LinkedHashMap<>();
        item.mentions().forEach(m -> mentioned.putIfAbsent(m.enterpriseId(), m));
        List<Mention> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(item.risk().riskEntities())) {
            Mention m = mentioned.get(id);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    private static Firing firing(AlertRuleConfig rule, Mention m, ScoredDocument item, RiskLevel level, String reason) {
        return new Firing(rule.id(), rule.kind(), m.enterpriseId(), m.name(), item.document().id(), level, rule.labels(),
                item.document().effectiveTime(), reason);
    }

    /** Full-width forms folded (NFKC) and case ignored, as people expect of a keyword search. */
    static String normalise(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The host of a URL, lower-case; empty when it has none. */
    public static String site(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
