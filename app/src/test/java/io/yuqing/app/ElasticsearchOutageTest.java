package io.yuqing.app;

import io.yuqing.app.demo.DemoArticle;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.IndexConfig;
import io.yuqing.crawler.CycleReport;
import io.yuqing.indexer.store.ElasticsearchTestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service with index backend elasticsearch, on a real Elasticsearch node reached through a loopback TCP proxy that
 * cuts the node off mid-cycle. While it is gone the crawl pauses (the cycle stops at the first refused document and
 * nothing unstored is marked seen), /health/ready answers 503 naming the index, gauge yuqing_index_writable reads 0;
 * once it is back readiness recovers by itself and the next cycle brings in every demo article, each risky one
 * alerted exactly once and none indexed twice.
 */
class ElasticsearchOutageTest {
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration FIRST_DOCUMENTS = Duration.ofSeconds(120);

    @TempDir
    Path data;

    @Test
    void anElasticsearchOutagePausesTheCrawlLosesNothingAndRecovers() throws Exception {
        Optional<Path> zip = ElasticsearchTestNode.distribution();
        assumeTrue(zip.isPresent(), "Elasticsearch integ-test distribution " + ElasticsearchTestNode.VERSION
                + " is not in the local Maven repository");
        Clock clock = Clock.systemUTC();
        try (ElasticsearchTestNode node = ElasticsearchTestNode.start(zip.get(), Path.of("target").toAbsolutePath());
             TcpProxy proxy = TcpProxy.to(node.uri().getPort());
             DemoSite site = DemoSite.start(clock)) {
            List<DemoArticle> articles = site.articles();
            List<DemoArticle> risky = articles.stream().filter(DemoArticle::expectRisky).toList();

            try (ServiceFixture app = ServiceFixture.onDemoSite(site, data).clock(clock).console()
                    .adjust(demo -> demo.withIndex(new IndexConfig("elasticsearch", "", new IndexConfig.Elasticsearch(
                            List.of(URI.create("http://127.0.0.1:" + proxy.port())), "outage", "service")))).start();
                 var background = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                YuqingService service = app.service();
                String base = app.base();
                assertEquals(200, TestHttp.get(base + "/health/ready").statusCode(), "ready before the outage");

                CompletableFuture<List<CycleReport>> first = CompletableFuture.supplyAsync(service::crawlOnce, background);
                int cutAt = Math.max(2, articles.size() - 4);
                Await.until("the first " + cutAt + " articles stored", FIRST_DOCUMENTS,
                        () -> first.isDone() || ServiceCounts.seen(service) >= cutAt);
                proxy.cut();
                List<CycleReport> interrupted = first.get(10, TimeUnit.MINUTES);
                long seenAfterInterrupted = ServiceCounts.seen(service);
                assertTrue(seenAfterInterrupted < articles.size(),
                        "the cut came mid-cycle: " + seenAfterInterrupted + " of " + articles.size() + " seen; " + interrupted);
                assertTrue(interrupted.stream().anyMatch(r -> r.failures() > 0), "the cycle reports what it could not store: " + interrupted);

                HttpResponse<String> down = TestHttp.get(base + "/health/ready");
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.body().contains("\"index\":\"down"), "readiness names the index: " + down.body());
                assertTrue(down.body().contains("\"database\":\"up\""), "the database is not blamed: " + down.body());
                assertEquals(200, TestHttp.get(base + "/health/live").statusCode(), "the process stays alive");
                String metrics = TestHttp.get(base + "/metrics").body();
                assertTrue(metrics.contains("yuqing_index_writable 0.0"), "the metric says the index refuses writes");
                assertTrue(metrics.matches("(?s).*yuqing_index_write_failures_total\\{reason=\"unavailable\"} [1-9].*"),
                        "refused writes are counted");

                // A whole cycle during the outage pauses at once: nothing stored, nothing marked seen, the index named.
                List<CycleReport> during = service.crawlOnce();
                assertTrue(during.stream().allMatch(r -> r.newDocuments() == 0), "nothing stored during the outage: " + during);
                assertTrue(during.stream().filter(r -> r.failures() > 0)
                                .allMatch(r -> String.join(" ", r.problems()).contains("Elasticsearch")),
                        "each source names the index: " + during);
                assertTrue(during.stream().allMatch(r -> r.failures() <= 1),
                        "the crawl pauses at the first refused document instead of failing article by article: " + during);
                assertEquals(seenAfterInterrupted, ServiceCounts.seen(service), "nothing marked seen during the outage");
                long alertsDuring = ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts");

                proxy.restore();
                Await.until("/health/ready to be up again", RECOVERY, () -> TestHttp.status(base + "/health/ready") == 200);
                assertEquals(alertsDuring, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts"), "no alert while nothing was indexed");

                List<CycleReport> after = service.crawlOnce();
                assertTrue(after.stream().allMatch(r -> r.failures() == 0), "the cycle after the outage is clean: " + after);
                assertEquals(articles.size(), ServiceCounts.seen(service), "every demo article seen: " + after);
                assertEquals(articles.size(), service.store().count(), "every demo article indexed once");
                assertTrue(TestHttp.get(base + "/metrics").body().contains("yuqing_index_writable 1.0"), "writable again");
                for (DemoArticle a : risky) {
                    assertEquals(1, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts WHERE url = ? AND enterprise_name = ?",
                            a.url(), a.expectEnterprise()), "alerted exactly once for " + a.expectEnterprise() + ": " + a.title());
                }
                assertEquals(ServiceCounts.count(service, "SELECT COUNT(*) FROM (SELECT DISTINCT document_id, enterprise_id FROM alerts) d"),
                        ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts"), "no duplicate alerts");
            }
        }
    }
}
