package io.yuqing.crawler;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Document;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.fetch.HostGate;
import io.yuqing.crawler.fetch.HttpFetcher;
import io.yuqing.crawler.fetch.UrlGuard;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.state.SourceBackoff;
import io.yuqing.crawler.state.SourceState;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A failing source is attempted less and less often, and flagged once it has failed three cycles in a row. */
class SourceBackoffCrawlTest {
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-24T07:00:00Z"));
    private final List<Document> sunk = new ArrayList<>();
    private final AtomicInteger status = new AtomicInteger(500);
    private TestServer server;
    private Database db;
    private CrawlStateStore state;
    private Crawler crawler;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        server.status("/robots.txt", 404);
        server.handle("/rss.xml", ex -> {
            if (status.get() != 200) {
                TestServer.send(ex, status.get(), "text/plain", "down".getBytes(StandardCharsets.UTF_8));
                return;
            }
            TestServer.send(ex, 200, "application/rss+xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\">"
                    + "<channel><title>t</title><link>" + server.url("/") + "</link></channel></rss>").getBytes(StandardCharsets.UTF_8));
        });
        db = new Database("jdbc:h2:mem:backoff" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        db.migrate(CrawlStateStore.MIGRATIONS);
        state = new CrawlStateStore(db.dataSource());
        HttpFetcher fetcher = new HttpFetcher(Configs.crawler(), new UrlGuard(), new HostGate(Duration.ZERO, clock, clock::advance), clock);
        crawler = new Crawler(Configs.crawler(), state, clock, new SimpleMeterRegistry(), fetcher,
                new SourceBackoff(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofSeconds(30)));
    }

    @AfterEach
    void tearDown() {
        crawler.close();
        server.close();
        db.close();
    }

    @Test
    void failingSourceBacksOffExponentiallyAndRecovers() {
        SourceConfig source = Configs.rss("flaky", server.url("/rss.xml"));
        CycleReport first = crawler.crawl(source, sunk::add);
        assertEquals(1, first.failures());
        assertFalse(first.sourceFailing());
        assertNull(first.deferredUntil());

        // 1 failure: rest 5 min. A cycle 3 minutes later does not contact the site.
        clock.advance(Duration.ofMinutes(3));
        CycleReport resting = crawler.crawl(source, sunk::add);
        assertTrue(resting.deferred());
        assertEquals(Instant.parse("2024-11-24T07:05:00Z"), resting.deferredUntil());
        assertEquals(0, resting.failures());
        assertEquals(1, server.requestCount("/rss.xml"));
        assertEquals(1, state.sourceState("flaky").consecutiveFailures(), "a deferred cycle is not another failure");

        // A cycle that fires a few seconds early (the failure was recorded at the end of the last cycle) still runs.
        clock.set(Instant.parse("2024-11-24T07:04:45Z"));
        assertFalse(crawler.crawl(source, sunk::add).deferred());
        assertEquals(2, server.requestCount("/rss.xml"));

        // 2 failures: rest 10 min from 07:04:45.
        clock.set(Instant.parse("2024-11-24T07:14:00Z"));
        assertTrue(crawler.crawl(source, sunk::add).deferred());
        clock.set(Instant.parse("2024-11-24T07:14:45Z"));
        CycleReport third = crawler.crawl(source, sunk::add);
        assertFalse(third.deferred());
        assertTrue(third.sourceFailing(), "three failed cycles in a row");
        assertTrue(state.sourceState("flaky").failing());

        // 3 failures: rest 20 min; 4 would be 40 but the cap is 30.
        clock.advance(Duration.ofMinutes(19));
        CycleReport deferred = crawler.crawl(source, sunk::add);
        assertTrue(deferred.deferred());
        assertTrue(deferred.sourceFailing(), "a resting failing source is still reported failing");
        assertEquals(3, server.requestCount("/rss.xml"));

        status.set(200);
        clock.advance(Duration.ofMinutes(1));
        CycleReport recovered = crawler.crawl(source, sunk::add);
        assertEquals(0, recovered.failures(), recovered.problems().toString());
        assertFalse(recovered.sourceFailing());
        SourceState after = state.sourceState("flaky");
        assertEquals(0, after.consecutiveFailures());
        assertEquals(clock.instant(), after.lastSuccess());
    }

    @Test
    void restDoublesUpToTheCap() {
        SourceBackoff b = new SourceBackoff(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ZERO);
        assertEquals(Duration.ZERO, b.rest(0));
        assertEquals(Duration.ofMinutes(5), b.rest(1));
        assertEquals(Duration.ofMinutes(10), b.rest(2));
        assertEquals(Duration.ofMinutes(20), b.rest(3));
        assertEquals(Duration.ofMinutes(30), b.rest(4));
        assertEquals(Duration.ofMinutes(30), b.rest(1000));
    }

    @Test
    void sourceWhoseHostSentRetryAfterWaitsWithoutCountingAFailure() {
        status.set(429);
        server.handle("/limited.xml", ex -> {
            ex.getResponseHeaders().set("Retry-After", "600");
            TestServer.send(ex, 429, "text/plain", "too many".getBytes(StandardCharsets.UTF_8));
        });
        SourceConfig limited = Configs.rss("limited", server.url("/limited.xml"));
        SourceConfig sibling = Configs.rss("sibling", server.url("/rss.xml"));
        assertEquals(1, crawler.crawl(limited, sunk::add).failures());
        // Another source on the same host is not fetched either while the pause lasts.
        CycleReport siblingReport = crawler.crawl(sibling, sunk::add);
        assertTrue(siblingReport.deferred());
        assertEquals(0, siblingReport.failures());
        assertEquals(0, server.requestCount("/rss.xml"));
        assertEquals(0, state.sourceState("sibling").consecutiveFailures());
    }
}
