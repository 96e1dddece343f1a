package io.yuqing.alerting.rules;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.AlertService;
import io.yuqing.core.config.AlertRuleConfig;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.RoutingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.core.time.AdjustableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Prints what the rules and grouping cost: items through AlertService with all four item rules and a grouping route
 * on an in-memory H2 database (per-item latency and throughput), one group flush, and the {@code rules test} replay
 * of the same items in memory. Usage: {@code RulesBench [items] [enterprises]}.
 */
public final class RulesBench {
    private RulesBench() {
    }

    public static void main(String[] args) {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int enterprises = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        List<AlertRuleConfig> rules = List.of(
                new AlertRuleConfig.ItemThreshold("item-threshold", true, null, null, null, null),
                new AlertRuleConfig.NewCategory("first", true, null, Duration.ofDays(30), null, null, null),
                new AlertRuleConfig.Spread("spread", true, null, AlertRuleConfig.Spread.Measure.SOURCES,
                        Duration.ofHours(24), Map.of(RiskLevel.YELLOW, 3, RiskLevel.RED, 6)),
                new AlertRuleConfig.KeywordWatch("closure", true, null, List.of("停产"), List.of("欠薪", "裁员"),
                        List.of("演练"), null, RiskLevel.YELLOW));
        DeskConfig desk = new DeskConfig("publicity", "宣传部", List.of("xc@example.gov.cn"), List.of(), RiskLevel.BLUE);
        RoutingConfig grouping = new RoutingConfig(List.of("publicity"), List.of("enterprise"), Duration.ofMinutes(2),
                null, Duration.ofHours(4), List.of());
        List<ScoredDocument> docs = generate(items, enterprises, Instant.parse("2026-11-01T00:00:00Z"));
        AdjustableClock clock = new AdjustableClock(docs.getFirst().document().fetchedAt());
        try (Database db = new Database("jdbc:h2:mem:bench" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")) {
            db.migrate("alerting");
            AlertService service = new AlertService(db.dataSource(), List.of(desk), "http://localhost:8080",
                    new AlertingConfig(Duration.ofSeconds(30), 3), clock, new SimpleMeterRegistry(), id -> false, rules,
                    grouping, id -> Optional.empty());
            long[] nanos = new long[docs.size()];
            int alerts = 0;
            long start = System.nanoTime();
            for (int i = 0; i < docs.size(); i++) {
                clock.set(docs.get(i).document().fetchedAt());
                long t = System.nanoTime();
                alerts += service.process(docs.get(i)).size();
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "process: %d items, %d enterprises, %d alerts: %.0f items/s, p50 %.2f ms, p99 %.2f ms%n",
                    items, enterprises, alerts, items / seconds, nanos[nanos.length / 2] / 1e6,
                    nanos[(int) (nanos.length * 0.99)] / 1e6);
            clock.advance(Duration.ofMinutes(3));
            long flushStart = System.nanoTime();
            int notified = 0;
            for (int n; (n = service.notifyGroups()) > 0; ) {
                notified += n;
            }
            System.out.printf(Locale.ROOT, "group flush: %d notifications in %.0f ms%n", notified,
                    (System.nanoTime() - flushStart) / 1e6);
        }
        for (AlertRuleConfig rule : rules) {
            long t = System.nanoTime();
            RuleReplay.Result r = RuleReplay.replay(rule, docs, id -> id, docs.getFirst().document().fetchedAt(),
                    docs.getLast().document().fetchedAt(), List.of());
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "replay %-15s %d firings: %.0f items/s%n", rule.kind(), r.firings().size(),
                    items / seconds);
        }
    }

    /** Risky items every ~30 s about random enterprises on 20 sites, some with the watched keywords. */
    static List<ScoredDocument> generate(int count, int enterprises, Instant start) {
        Random random = new Random(42);
        RiskCategory[] categories = RiskCategory.values();
        List<ScoredDocument> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = start.plusSeconds(30L * i + random.nextInt(30));
            String enterprise = "e" + random.nextInt(enterprises);
            RiskCategory category = categories[random.nextInt(categories.length)];
            String title = "企业" + enterprise + (random.nextInt(20) == 0 ? "停产，员工称被欠薪" : "相关报道" + i);
            Document d = new Document(null, "https://site" + random.nextInt(20) + ".example.cn/a/" + i + ".html",
                    "feed" + random.nextInt(5), title, "正文：" + title + "。".repeat(50), "", "", at, at);
            int score = 40 + random.nextInt(55);
            RiskLevel level = score >= 85 ? RiskLevel.RED : score >= 70 ? RiskLevel.ORANGE : score >= 55 ? RiskLevel.YELLOW : RiskLevel.BLUE;
            out.add(new ScoredDocument(d, List.of(new Mention(enterprise, "企业" + enterprise, 1, true)),
                    new RiskAssessment(score, level, List.of(category),
                            List.of(new Evidence(category.label(), category, "句子。", true)), List.of(enterprise))));
        }
        return out;
    }
}
