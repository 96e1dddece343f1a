package io.yuqing.crawler;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.Document;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.Pages;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bytes per source (decoded and on the wire) and the freshness lag from publish time to fetch. */
class FreshnessMetricsTest {
    /** The test article says 发布时间：2024年11月24日 14:52 (Asia/Shanghai), i.e. 06:52 UTC. */
    private static final Instant PUBLISHED = Instant.parse("2024-11-24T06:52:00Z");
    private final AdjustableClock clock = new AdjustableClock(PUBLISHED.plus(Duration.ofMinutes(20)));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TestServer server;
    private Database db;
    private Crawler crawler;

    @BeforeEach
    void setUp() throws IOException {
        server = new TestServer();
        server.status("/robots.txt", 404);
        byte[] page = Pages.standardArticle("<meta charset=\"utf-8\">").getBytes(StandardCharsets.UTF_8);
        byte[] gzipped = gzip(page);
        server.handle("/a/1.html", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestServer.send(ex, 200, "text/html; charset=utf-8", gzipped);
        });
        server.html("/a/2.html", "<html><head><meta charset=\"utf-8\"><title>无日期</title></head><body><div class=\"content\">"
                + "<p>" + String.join("</p><p>", Pages.PARAGRAPHS) + "</p></div></body></html>");
        server.page("/rss.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title>"
                + "<item><title>x</title><link>" + server.url("/a/1.html") + "</link></item>"
                + "<item><title>y</title><link>" + server.url("/a/2.html") + "</link></item></channel></rss>")
                .getBytes(StandardCharsets.UTF_8));
        db = TestDatabases.h2();
        db.migrate(CrawlStateStore.MIGRATIONS);
        crawler = new Crawler(Configs.crawler(), new CrawlStateStore(db.dataSource()), clock, meters);
    }

    @AfterEach
    void tearDown() {
        crawler.close();
        server.close();
        db.close();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void bytesAreCountedDecodedAndOnTheWireAndTheLagFromPublishToFetch() {
        List<Document> docs = new ArrayList<>();
        CycleReport report = crawler.crawl(Configs.rss("news", server.url("/rss.xml")), docs::add);
        assertEquals(2, report.newDocuments(), report.problems().toString());

        double decoded = meters.get(CrawlMetrics.BYTES).tag("source", "news").counter().count();
        double wire = meters.get(CrawlMetrics.WIRE_BYTES).tag("source", "news").counter().count();
        assertTrue(wire < decoded, "the gzipped article is smaller on the wire: " + wire + " vs " + decoded);
        assertTrue(decoded > Pages.standardArticle("<meta charset=\"utf-8\">").getBytes(StandardCharsets.UTF_8).length,
                "the feed, both articles: " + decoded);

        Timer lag = meters.get(CrawlMetrics.FRESHNESS_LAG).tag("source", "news").timer();
        long withPublishTime = docs.stream().filter(d -> d.publishedAt() != null).count();
        assertEquals(withPublishTime, lag.count(), "one lag per document with a publish time");
        assertTrue(withPublishTime >= 1);
        assertEquals(20, lag.max(TimeUnit.MINUTES), 0.01, "published 14:52 Beijing time, fetched 20 minutes later");
        CountAtBucket[] buckets = lag.takeSnapshot().histogramCounts();
        assertTrue(buckets.length >= 10, "bucketed for a Prometheus histogram");
    }

    @Test
    void aPublishTimeInTheFutureIsNoLag() {
        clock.set(PUBLISHED.minus(Duration.ofHours(1)));
        crawler.crawl(Configs.rss("news", server.url("/rss.xml")), doc -> { });
        Timer lag = meters.find(CrawlMetrics.FRESHNESS_LAG).tag("source", "news").timer();
        assertNull(lag, "a site clock ahead of ours is not measured as a lag");
    }
}
