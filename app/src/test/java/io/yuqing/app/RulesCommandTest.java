package io.yuqing.app;

import io.yuqing.alerting.rules.RuleEngine;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.indexer.store.ElasticsearchDocumentStore;
import io.yuqing.indexer.store.ElasticsearchTestNode;
import io.yuqing.indexer.store.LuceneDocumentStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code yuqing rules test}: a rule (also a disabled one) replayed on a real Lucene index; nothing is sent. */
class RulesCommandTest {
    static final String YUNFAN_ID = "yunfan";
    static final String HEXIN_ID = "hexin";

    @TempDir
    Path dir;
    Path config;
    Instant now;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws Exception {
        now = Instant.now();
        Files.writeString(dir.resolve("yuqing.yml"), """
                dataDir: %s
                smtp:
                  host: 127.0.0.1
                  port: 1
                desks:
                  - id: publicity
                    recipients: [xc@example.gov.cn]
                sources:
                  - id: feed
                    kind: rss
                    url: https://news.example.cn/rss.xml
                rules:
                  - id: item-threshold
                    kind: item-threshold
                  - id: closure
                    kind: keyword-watch
                    enabled: false
                    required: [停产]
                    anyOf: [欠薪, 裁员]
                    excluded: [演练]
                    level: orange
                  - id: spreading
                    kind: spread
                    window: 24h
                    levels: {yellow: 2, red: 3}
                  - id: feed-silent
                    kind: source-silent
                    minSilence: 3h
                    factor: 2
                    recipients: [ops@example.gov.cn]
                """.formatted(dir.resolve("data").toString().replace('\\', '/')), StandardCharsets.UTF_8);
        config = dir.resolve("yuqing.yml");
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir.resolve("data").resolve("index"))) {
            // Every 2 hours for two days, then silence for 20 hours: items on three sites about 云帆, one closure story.
            Instant start = now.minus(Duration.ofDays(3));
            for (int i = 0; i < 24; i++) {
                Instant t = start.plus(Duration.ofHours(2L * i));
                String site = i == 20 ? "b.cn" : i == 21 ? "c.cn" : "a.cn";
                String title = i == 5 ? "云帆科技宣布停产，员工称被欠薪" : i == 7 ? "云帆科技停产演练，模拟欠薪投诉" : "云帆科技员工讨薪 " + i;
                store.index(item(site, i, title, t));
            }
        }
    }

    ScoredDocument item(String site, int n, String title, Instant at) {
        Document d = new Document(null, "https://" + site + "/a/" + n + ".html", "feed", title, "正文：" + title, "", "",
                at, at);
        return new ScoredDocument(d, List.of(new Mention(YUNFAN_ID, "青州云帆科技有限公司", 1, true),
                new Mention(HEXIN_ID, "青州禾欣食品有限公司", 1, false)),
                new RiskAssessment(45, RiskLevel.BLUE, List.of(RiskCategory.WAGE_ARREARS),
                        List.of(new Evidence("讨薪", RiskCategory.WAGE_ARREARS, "员工讨薪。", false)), List.of(YUNFAN_ID)));
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDisabledKeywordWatchShowsEveryItemAndEnterpriseItWouldHaveFiredFor() {
        Result r = run("rules", "test", "closure", "--since", "7d", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("rule closure (keyword-watch, disabled)"), r.out());
        assertTrue(r.out().contains("24 stored items read"), r.out());
        assertTrue(r.out().contains("橙色预警  青州云帆科技有限公司  命中关键词：停产、欠薪"), r.out());
        assertTrue(r.out().contains("橙色预警  青州禾欣食品有限公司"), "any mentioned enterprise: " + r.out());
        assertTrue(r.out().contains("https://a.cn/a/5.html"), r.out());
        assertFalse(r.out().contains("/a/7.html"), "the drill is excluded: " + r.out());
        assertTrue(r.out().contains("2 firings for 2 enterprises; nothing was sent."), r.out());
    }

    @Test
    void sinceLimitsThePeriodButSpreadStillSeesItsWindowBeforeIt() {
        Result all = run("rules", "test", "spreading", "--since", "7d", "--config", config.toString());
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("黄色预警  青州云帆科技有限公司"), all.out());
        assertTrue(all.out().contains("红色预警  青州云帆科技有限公司"), all.out());
        assertTrue(all.out().contains("2 firings for 1 enterprises"), all.out());
        // The second site came 32h ago, the third 30h ago: a period starting between them still finds the red
        // crossing, because the look-back reads the spread window before the period.
        Result recent = run("rules", "test", "spreading", "--since", "31h", "--config", config.toString());
        assertEquals(0, recent.code(), recent.err());
        assertTrue(recent.out().contains("1 firings for 1 enterprises"), recent.out());
        assertTrue(recent.out().contains("红色预警"), recent.out());
    }

    @Test
    void sourceSilentPrintsTheSilenceAndTheOperators() {
        Result r = run("rules", "test", "feed-silent", "--since", "7d", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("source feed silent since"), r.out());
        assertTrue(r.out().contains("usual gap 2h, threshold 4h) -> ops@example.gov.cn"), r.out());
        assertTrue(r.out().contains("1 silences would have alerted; nothing was sent."), r.out());
    }

    @Test
    void anUnknownRuleOrBadSinceIsExitTwoWithTheChoices() {
        Result unknown = run("rules", "test", "nope", "--config", config.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no rule 'nope'") && unknown.err().contains("closure"), unknown.err());
        Result since = run("rules", "test", "closure", "--since", "lately", "--config", config.toString());
        assertEquals(2, since.code());
        assertTrue(since.err().contains("--since: 'lately' is not a duration"), since.err());
        assertEquals("b.cn", RuleEngine.site("https://B.cn/x"));
    }

    @Test
    void ruleTestRunsWhileTheServiceHoldsTheIndexOpenAndSeesWhatItStoredSinceItsLastCommit() throws Exception {
        Path index = dir.resolve("data").resolve("index");
        // A running service's store: it holds the index's write lock; the new story is in its write-ahead log (the
        // store commits every 10 s) and, had a commit come first, in the index: read either way.
        try (LuceneDocumentStore running = LuceneDocumentStore.open(index)) {
            running.index(item("d.cn", 99, "云帆科技再度停产，工人讨要欠薪", now.minus(Duration.ofHours(1))));
            Result r = run("rules", "test", "closure", "--since", "7d", "--config", config.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("25 stored items read"), r.out());
            assertTrue(r.out().contains("https://d.cn/a/99.html"), r.out());
            assertTrue(r.out().contains("https://a.cn/a/5.html"), r.out());
            assertTrue(r.out().contains("4 firings for 2 enterprises; nothing was sent."), r.out());
            assertTrue(r.out().contains("read from the index at " + index + " (without its write lock, so also while the service runs)"), r.out());
            assertTrue(r.out().contains("stored since, from its write-ahead log — everything stored up to the moment of reading"), r.out());
            // And the service's store is unharmed: it goes on writing.
            running.index(item("d.cn", 100, "云帆科技复工", now));
            assertEquals(26, running.count());
        }
    }

    @Test
    void anAbsentOrDamagedIndexIsExitTwoSayingSo() throws Exception {
        Path elsewhere = dir.resolve("elsewhere.yml");
        Files.writeString(elsewhere, Files.readString(config, StandardCharsets.UTF_8)
                .replace(dir.resolve("data").toString().replace('\\', '/'), dir.resolve("nodata").toString().replace('\\', '/')),
                StandardCharsets.UTF_8);
        Result absent = run("rules", "test", "closure", "--config", elsewhere.toString());
        assertEquals(2, absent.code(), absent.out());
        assertTrue(absent.err().contains("no index at " + dir.resolve("nodata").resolve("index")), absent.err());

        try (var files = Files.list(dir.resolve("data").resolve("index"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
            }
        }
        Result damaged = run("rules", "test", "closure", "--config", config.toString());
        assertEquals(2, damaged.code(), damaged.out());
        assertTrue(damaged.err().contains("cannot read the index at " + dir.resolve("data").resolve("index")), damaged.err());
    }

    @Test
    void onElasticsearchAPeriodOfMoreThanTenThousandItemsIsReadWhole() throws Exception {
        Optional<Path> zip = ElasticsearchTestNode.distribution();
        assumeTrue(zip.isPresent(), "Elasticsearch integ-test distribution " + ElasticsearchTestNode.VERSION
                + " is not in the local Maven repository");
        try (ElasticsearchTestNode node = ElasticsearchTestNode.start(zip.get(), Path.of("target").toAbsolutePath())) {
            Path esConfig = dir.resolve("es.yml");
            Files.writeString(esConfig, Files.readString(config, StandardCharsets.UTF_8) + """
                    index:
                      backend: elasticsearch
                      elasticsearch:
                        hosts: ["%s"]
                        indexPrefix: rulestest
                    """.formatted(node.uri()), StandardCharsets.UTF_8);
            // Elasticsearch refuses to page past 10,000 hits by offset; the service's store holds far more in 30 days.
            try (ElasticsearchDocumentStore store = ElasticsearchDocumentStore.connect(List.of(node.uri()), "rulestest", "service")) {
                List<ScoredDocument> batch = new java.util.ArrayList<>();
                Instant start = now.minus(Duration.ofDays(2));
                for (int i = 0; i < 10_500; i++) {
                    String title = i == 10_400 ? "云帆科技宣布停产，员工称被欠薪" : "云帆科技员工讨薪 " + i;
                    batch.add(item("e.cn", i, title, start.plusSeconds(10L * i)));
                    if (batch.size() == 1_500) {
                        store.indexAll(batch);
                        batch.clear();
                    }
                }
                store.indexAll(batch);
            }
            Result r = run("rules", "test", "closure", "--since", "7d", "--config", esConfig.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("10500 stored items read"), r.out());
            assertTrue(r.out().contains("read from Elasticsearch at [" + node.uri() + "]"), r.out());
            assertTrue(r.out().contains("https://e.cn/a/10400.html"), r.out());
            assertTrue(r.out().contains("2 firings for 2 enterprises; nothing was sent."), r.out());
        }
    }

    @Test
    void rulesListShowsKindsAndState() {
        Result r = run("rules", "list", "--config", config.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("closure") && r.out().contains("keyword-watch") && r.out().contains("disabled"), r.out());
    }
}
