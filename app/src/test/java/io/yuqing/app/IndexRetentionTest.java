package io.yuqing.app;

import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.time.AdjustableClock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * index.retention through the service: documents leave the index once they were fetched longer ago than the
 * retention (time advanced on the service's clock, not waited for), while the alerts about them stay.
 */
class IndexRetentionTest {
    @TempDir
    Path data;

    @Test
    void documentsLeaveTheIndexAfterTheRetentionAndAlertsStay() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.now());
        try (ServiceFixture app = ServiceFixture.onDemoSite(data).clock(clock)
                .adjust(demo -> demo.withIndex(demo.index().withRetention(Duration.ofDays(180)))).start()) {
            DemoSite site = app.site();
            PrometheusMeterRegistry registry = app.registry();
            YuqingService service = app.service();
            service.crawlOnce();
            long indexed = service.store().count();
            String someDocument = service.alerts().list(io.yuqing.alerting.AlertFilter.all(), 0, 1).getFirst().documentId();
            assertTrue(service.pageCopies().find(someDocument).isPresent(), "a page copy is kept");
            long alerts = service.alerts().list(io.yuqing.alerting.AlertFilter.all(), 0, 1000).size();
            assertEquals(site.articles().size(), indexed);
            assertTrue(alerts > 0);

            clock.advance(Duration.ofDays(179));
            assertEquals(0, service.applyRetention(), "nothing is 180 days old yet");
            assertEquals(indexed, service.store().count());

            clock.advance(Duration.ofDays(2));
            assertEquals(indexed, service.applyRetention(), "every document is past the retention");
            assertEquals(0, service.store().count());
            assertTrue(service.pageCopies().find(someDocument).isEmpty(), "page copies follow their documents out");
            assertEquals(alerts, service.alerts().list(io.yuqing.alerting.AlertFilter.all(), 0, 1000).size(), "alerts stay");
            assertTrue(registry.scrape().contains("yuqing_index_expired_total " + (double) indexed), registry.scrape().lines()
                    .filter(l -> l.startsWith("yuqing_index_expired")).toList().toString());
            // The database rows per document go with them, except the seen URLs (a feed still listing an
            // expired article must not bring it back).
            for (String table : List.of("crawl_fingerprint", "crawl_fingerprint_sentence", "crawl_cluster_host", "rule_items")) {
                assertEquals(0, ServiceCounts.count(service, "SELECT COUNT(*) FROM " + table), table + " is trimmed too");
            }
            assertEquals(indexed, ServiceCounts.seen(service), "seen URLs are kept");
            service.crawlOnce();
            assertEquals(0, service.store().count(), "an expired article still on the site is not fetched again");
        }
    }

    private static final String STORY = "近日，有订户反映在青州牧歌乳业有限公司订购的鲜奶多次延迟送达，并向12345热线投诉。"
            + "记者联系牧歌乳业，客服表示近期配送线路调整，正在统计受影响订户并将逐一回访。"
            + "公司称预计下周恢复正常配送，对给订户带来的不便表示歉意。";

    /**
     * A story first reported 181 days ago and reposted since: retention forgets the first report, and a repost that
     * arrives afterwards still joins the story (through the remaining repost, under the cluster id its alert carries),
     * so the story keeps its one alert instead of raising a new one.
     */
    @Test
    void aStoryWhoseFirstReportExpiredKeepsItsOneAlert() throws Exception {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-05-01T02:00:00Z"));
        YuqingConfig loaded = ServiceFixture.publicityDeskWatching(data.resolve("story"), "青州牧歌乳业有限公司", "牧歌乳业");
        YuqingConfig config = loaded.withIndex(loaded.index().withRetention(Duration.ofDays(180)));
        try (YuqingService service = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
            Document first = report(clock, "news.example.cn", "");
            service.pipeline().accept(first);
            List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 10);
            assertEquals(1, alerts.size(), "the first report is alerted");
            clock.advance(Duration.ofDays(100));
            service.pipeline().accept(report(clock, "daily.example.cn", "本文转自青州新闻网。\n"));

            clock.advance(Duration.ofDays(81));
            assertEquals(1, service.applyRetention(), "the first report leaves the index");
            assertTrue(service.clusters().clusterOf(first.id()).isEmpty(), "and its near-duplicate rows");

            clock.advance(Duration.ofDays(1));
            Document later = report(clock, "forum.example.cn", "转自青州新闻网：");
            service.pipeline().accept(later);
            assertEquals(first.id(), service.clusters().clusterOf(later.id()).orElseThrow().clusterId(),
                    "the later repost joins the story under its first report's id");
            assertEquals(1, service.alerts().list(AlertFilter.all(), 0, 10).size(), "one story, still one alert");
            assertEquals(alerts.getFirst().id(), service.alerts().list(AlertFilter.all(), 0, 10).getFirst().id());
        }
    }

    private static Document report(AdjustableClock clock, String host, String credit) {
        Instant now = clock.instant();
        return new Document(null, "https://" + host + "/a/" + now.toEpochMilli() + ".html", host,
                "牧歌乳业送奶延迟 部分订户不满", credit + STORY, "", "", now, now);
    }
}
