package io.yuqing.app;

import io.yuqing.app.cli.DemoCommand;
import io.yuqing.app.demo.DemoArticle;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.IndexConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.crawler.CycleReport;
import io.yuqing.indexer.store.ElasticsearchTestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service on a real Elasticsearch node whose disk passes the flood-stage watermark — for real: the test sets the
 * disk watermarks to more free space than any disk has ("1pb"), so Elasticsearch itself puts
 * {@code index.blocks.read_only_allow_delete} on the index and answers writes with 429 cluster_block_exception.
 * The service must treat that as the Lucene store treats a full disk: the crawl pauses at the first refused document
 * saying the index disk is full (naming the index), nothing refused is marked seen or alerted, readiness is 503 with
 * the same words, {@code yuqing_index_write_failures_total{reason="disk_full"}} counts. Once the watermarks are back
 * below the free space, Elasticsearch lifts the block by itself, readiness follows without a write, and the next
 * cycle brings every article in, each risky one alerted once and none indexed twice.
 */
class ElasticsearchDiskFullTest {
    /** Elasticsearch looks at disk usage every 10 s at the most (its minimum for cluster.info.update.interval). */
    private static final Duration BLOCK_CHANGE = Duration.ofSeconds(90);
    private static final String PREFIX = "flood";
    /** How often the waits below ask the node (or the service, which asks the node) again. */
    private static final Duration POLL = Duration.ofMillis(200);

    @TempDir
    Path data;

    @Test
    void aFloodStageBlockPausesTheCrawlAsADiskFullAndRecoversWhenElasticsearchLiftsIt() throws Exception {
        Optional<Path> zip = ElasticsearchTestNode.distribution();
        assumeTrue(zip.isPresent(), "Elasticsearch integ-test distribution " + ElasticsearchTestNode.VERSION
                + " is not in the local Maven repository");
        Clock clock = Clock.systemUTC();
        try (ElasticsearchTestNode node = ElasticsearchTestNode.start(zip.get(), Path.of("target").toAbsolutePath());
             DemoSite site = DemoSite.start(clock)) {
            // Disk usage is looked at every 10 s from now on (default 30 s), so the block comes and goes sooner.
            node.request("PUT", "/_cluster/settings", "{\"persistent\":{\"cluster.info.update.interval\":\"10s\"}}");
            YuqingConfig config = DemoCommand.demoConfig(site.baseUrl(), data, 0, null).withIndex(new IndexConfig(
                    "elasticsearch", "", new IndexConfig.Elasticsearch(List.of(node.uri()), PREFIX, "service")));
            List<DemoArticle> articles = site.articles();
            List<DemoArticle> risky = articles.stream().filter(DemoArticle::expectRisky).toList();

            // Some articles are indexed while the disk is fine: the first list page only.
            long before = ServiceFixture.crawlFirstListPageOnly(config, clock);
            assertTrue(before > 0 && before < articles.size(), "the first list page holds some of the articles: " + before);

            try (ServiceFixture app = ServiceFixture.on(config).clock(clock).console().start()) {
                YuqingService service = app.service();
                String base = app.base();
                assertEquals(before, ServiceCounts.seen(service), "seen and indexed agree before the disk fills");
                assertEquals(200, TestHttp.get(base + "/health/ready").statusCode(), "ready before the flood stage");

                // The node's disk passes every watermark: Elasticsearch blocks the index on its next disk check.
                node.request("PUT", "/_cluster/settings", watermarks("1pb", "true"));
                Await.until("Elasticsearch to block " + PREFIX + "-docs-write", BLOCK_CHANGE, POLL, () -> blocked(node));
                long alertsBefore = ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts");

                List<CycleReport> full = service.crawlOnce();
                assertTrue(full.stream().allMatch(r -> r.newDocuments() == 0), "nothing stored on a blocked index: " + full);
                String problems = String.join(" ", full.stream().flatMap(r -> r.problems().stream()).toList());
                assertTrue(problems.contains("the index disk is full") && problems.contains(PREFIX + "-docs-000001"),
                        "the cycle says the index disk is full and names the index: " + full);
                assertTrue(full.stream().allMatch(r -> r.failures() <= 1),
                        "the crawl pauses at the first refused document instead of failing article by article: " + full);
                assertEquals(before, ServiceCounts.seen(service), "no refused document is marked seen");
                assertEquals(before, service.store().count(), "the index keeps what it had");
                assertEquals(alertsBefore, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts"),
                        "no alert for a document that was not indexed");

                HttpResponse<String> ready = TestHttp.get(base + "/health/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("\"index\":\"down: 索引磁盘已满 the index disk is full"),
                        "readiness says the index disk is full: " + ready.body());
                assertTrue(ready.body().contains(PREFIX + "-docs-000001") && ready.body().contains(PREFIX + "-docs-write")
                        && ready.body().contains("flood-stage"), "readiness names the index, the alias and why: " + ready.body());
                assertTrue(ready.body().contains("\"database\":\"up\""), "the database is not blamed: " + ready.body());
                assertEquals(200, TestHttp.get(base + "/health/live").statusCode(), "the process stays alive");
                String metrics = TestHttp.get(base + "/metrics").body();
                assertTrue(metrics.contains("yuqing_index_writable 0.0"), "the metric says the index refuses writes");
                assertTrue(metrics.matches("(?s).*yuqing_index_write_failures_total\\{reason=\"disk_full\"} [1-9].*"),
                        "flood-stage refusals are counted as disk full");
                assertTrue(metrics.contains("yuqing_index_write_failures_total{reason=\"unavailable\"} 0.0"),
                        "and not as an unavailable cluster");

                // Retention during the flood stage, with every document past its cutoff: no rollover (a new index
                // could not be allocated on the full node and would sit red behind the read alias), and the write
                // index is not deleted: what the index has stays.
                assertEquals(0, service.store().expireFetchedBefore(clock.instant().plus(Duration.ofDays(1))));
                assertEquals(PREFIX + "-docs-000001", node.request("GET", "/_cat/indices/" + PREFIX + "-docs-*?h=index", null).strip(),
                        "no new index while the node is past its watermarks");
                assertEquals(before, service.store().count());

                // Space "returns": the watermarks drop below the free space; Elasticsearch lifts the block by itself
                // and readiness follows it, before any write.
                node.request("PUT", "/_cluster/settings", watermarks("1b", "true"));
                Await.until("/health/ready to be up again", BLOCK_CHANGE, POLL, () -> TestHttp.status(base + "/health/ready") == 200);
                assertFalse(blocked(node), "Elasticsearch lifted the block, not the service");
                assertTrue(TestHttp.get(base + "/metrics").body().contains("yuqing_index_writable 0.0"),
                        "the writable gauge waits for a write that succeeds");

                List<CycleReport> after = service.crawlOnce();
                assertTrue(after.stream().allMatch(r -> r.failures() == 0), "the cycle after the flood stage is clean: " + after);
                assertEquals(articles.size(), ServiceCounts.seen(service), "every demo article seen: " + after);
                assertEquals(articles.size(), service.store().count(), "every demo article indexed once");
                assertEquals(200, TestHttp.get(base + "/health/ready").statusCode(), "ready");
                assertTrue(TestHttp.get(base + "/metrics").body().contains("yuqing_index_writable 1.0"), "writable again");
                for (DemoArticle a : risky) {
                    assertEquals(1, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts WHERE url = ? AND enterprise_name = ?",
                            a.url(), a.expectEnterprise()), "alerted exactly once for " + a.expectEnterprise() + ": " + a.title());
                }
                assertEquals(ServiceCounts.count(service, "SELECT COUNT(*) FROM (SELECT DISTINCT document_id, enterprise_id FROM alerts) d"),
                        ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts"), "no duplicate alerts");
            } finally {
                node.request("PUT", "/_cluster/settings", watermarks("null", "null"));
            }
        }
    }

    /**
     * Disk watermarks as free space (all three the same kind, as Elasticsearch requires); the node the tests start
     * has disk checks off, so they are switched on here. {@code null} values restore the defaults.
     */
    private static String watermarks(String free, String enabled) {
        String value = free.equals("null") ? "null" : "\"" + free + "\"";
        return "{\"persistent\":{\"cluster.routing.allocation.disk.threshold_enabled\":" + enabled
                + ",\"cluster.routing.allocation.disk.watermark.low\":" + value
                + ",\"cluster.routing.allocation.disk.watermark.high\":" + value
                + ",\"cluster.routing.allocation.disk.watermark.flood_stage\":" + value + "}}";
    }

    /** Whether the write index carries the flood-stage block, as Elasticsearch reports it. */
    private static boolean blocked(ElasticsearchTestNode node) {
        try {
            return node.request("GET", "/" + PREFIX + "-docs-write/_settings/index.blocks.read_only_allow_delete?flat_settings=true", null)
                    .contains("\"index.blocks.read_only_allow_delete\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
