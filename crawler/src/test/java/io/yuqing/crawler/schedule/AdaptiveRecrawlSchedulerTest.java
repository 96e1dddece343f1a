package io.yuqing.crawler.schedule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.AdaptiveRecrawlConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.Document;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.state.SourceIntervalStore;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.Pages;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler reschedules a source when its cycles change its interval, and a restart goes on from the stored one. */
class AdaptiveRecrawlSchedulerTest {
    private static final AdaptiveRecrawlConfig BOUNDS = new AdaptiveRecrawlConfig(true, Duration.ofMinutes(2), Duration.ofHours(4));
    private TestServer server;
    private Database db;
    private Crawler crawler;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Document> docs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        server.status("/robots.txt", 404);
        db = TestDatabases.h2();
        db.migrate(CrawlStateStore.MIGRATIONS);
        crawler = new Crawler(Configs.crawler(), new CrawlStateStore(db.dataSource()), Clock.systemUTC(), meters);
        server.html("/a/1.html", Pages.standardArticle("<meta charset=\"utf-8\">"));
        server.page("/a/rss.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><link>"
                + server.url("/a/1.html") + "</link></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        crawler.close();
        server.close();
        db.close();
    }

    private SourceConfig hourly() {
        return new SourceConfig("a", "a", SourceConfig.Kind.RSS, server.url("/a/rss.xml"), Duration.ofHours(1), "", "", true);
    }

    private AdaptiveRecrawl recrawl() {
        return new AdaptiveRecrawl(BOUNDS, new SourceIntervalStore(db.dataSource()), Clock.systemUTC(), meters);
    }

    private double gauge() {
        return meters.get(AdaptiveRecrawl.INTERVAL_GAUGE).tag("source", "a").gauge().value();
    }

    @Test
    void newsShortensTheIntervalQuietLengthensItAndARestartKeepsIt() throws InterruptedException {
        LinkedBlockingQueue<CycleReport> cycles = new LinkedBlockingQueue<>();
        try (CrawlScheduler scheduler = new CrawlScheduler(crawler, docs::add).adaptive(recrawl())) {
            scheduler.onCycle(cycles::add);
            scheduler.start(List.of(hourly()));
            assertEquals(Optional.of(Duration.ofHours(1)), scheduler.interval("a"), "starts at the source's every");
            CycleReport first = cycles.poll(30, TimeUnit.SECONDS);
            assertNotNull(first, "the source runs at start");
            assertEquals(1, first.newDocuments());
            awaitInterval(scheduler, Duration.ofMinutes(30));
            Instant next = scheduler.nextRun("a").orElseThrow();
            assertTrue(next.isAfter(Instant.now().plus(Duration.ofMinutes(29))), "the next run is one new interval away: " + next);
            assertEquals(1800.0, gauge());

            scheduler.runNow("a");
            CycleReport second = cycles.poll(30, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals(0, second.newDocuments());
            awaitInterval(scheduler, Duration.ofMinutes(45));
            assertEquals(2700.0, gauge());
        }
        // A restart (a new scheduler on the same database) goes on from the adapted interval.
        try (CrawlScheduler restarted = new CrawlScheduler(crawler, docs::add).adaptive(recrawl())) {
            restarted.start(List.of(hourly()));
            assertEquals(Optional.of(Duration.ofMinutes(45)), restarted.interval("a"));
        }
        // A changed `every` in the configuration starts over from it.
        SourceConfig everyTwoHours = new SourceConfig("a", "a", SourceConfig.Kind.RSS, server.url("/a/rss.xml"),
                Duration.ofHours(2), "", "", true);
        try (CrawlScheduler reconfigured = new CrawlScheduler(crawler, docs::add).adaptive(recrawl())) {
            reconfigured.start(List.of(everyTwoHours));
            assertEquals(Optional.of(Duration.ofHours(2)), reconfigured.interval("a"));
        }
    }

    @Test
    void withoutAdaptingTheIntervalStaysTheConfiguredOne() throws InterruptedException {
        LinkedBlockingQueue<CycleReport> cycles = new LinkedBlockingQueue<>();
        AdaptiveRecrawl off = new AdaptiveRecrawl(AdaptiveRecrawlConfig.off(), new SourceIntervalStore(db.dataSource()),
                Clock.systemUTC(), meters);
        try (CrawlScheduler scheduler = new CrawlScheduler(crawler, docs::add).adaptive(off)) {
            scheduler.onCycle(cycles::add);
            scheduler.start(List.of(hourly()));
            assertNotNull(cycles.poll(30, TimeUnit.SECONDS));
            assertEquals(Optional.of(Duration.ofHours(1)), scheduler.interval("a"));
            assertEquals(3600.0, gauge());
        }
    }

    /** The listener runs after the reschedule, so by the time a cycle is reported the trigger is already updated. */
    private static void awaitInterval(CrawlScheduler scheduler, Duration expected) {
        assertEquals(Optional.of(expected), scheduler.interval("a"));
    }
}
