package io.yuqing.crawler.fetch;

import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crawl-delay and Retry-After, on a real loopback server with a clock that only moves when the gate waits. */
class HostPacingTest {
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-24T06:00:00Z"));
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private TestServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void setUp() throws IOException {
        server = new TestServer();
        HostGate gate = new HostGate(Duration.ofSeconds(2), clock, d -> {
            waits.add(d);
            clock.advance(d);
        });
        fetcher = new HttpFetcher(Configs.crawler(), new UrlGuard(), gate, clock);
        server.html("/a.html", "<p>a</p>").html("/b.html", "<p>b</p>");
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
        server.close();
    }

    private FetchResult get(String path) {
        return fetcher.fetch(FetchRequest.of(server.url(path), true));
    }

    private void robots(String text) {
        server.page("/robots.txt", "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void crawlDelayLongerThanThePolitenessDelayIsHonoured() {
        robots("User-agent: *\nCrawl-delay: 5\nDisallow: /private/\n");
        assertInstanceOf(FetchResult.Fetched.class, get("/a.html"));
        assertInstanceOf(FetchResult.Fetched.class, get("/b.html"));
        // robots.txt, then each page 5 s after the request before it: the Crawl-delay applies once it is known.
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(5)), waits);
    }

    @Test
    void crawlDelayShorterThanThePolitenessDelayDoesNotShortenIt() {
        robots("User-agent: *\nCrawl-delay: 1\n");
        get("/a.html");
        get("/b.html");
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), waits);
    }

    @Test
    void excessiveCrawlDelayIsCappedAndTheHostStillCrawled() {
        robots("User-agent: *\nCrawl-delay: 3600\n");
        assertInstanceOf(FetchResult.Fetched.class, get("/a.html"));
        assertInstanceOf(FetchResult.Fetched.class, get("/b.html"));
        assertEquals(List.of(HttpFetcher.MAX_CRAWL_DELAY, HttpFetcher.MAX_CRAWL_DELAY), waits);
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsPausesTheHost() {
        server.status("/robots.txt", 404);
        server.handle("/busy.html", ex -> {
            ex.getResponseHeaders().set("Retry-After", "120");
            TestServer.send(ex, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
        });
        FetchResult.Failed busy = assertInstanceOf(FetchResult.Failed.class, get("/busy.html"));
        assertTrue(busy.retryable());
        Instant answeredAt = clock.instant();
        assertEquals(answeredAt.plusSeconds(120), fetcher.hostPausedUntil(server.url("/a.html")).orElseThrow());

        FetchResult.Failed paused = assertInstanceOf(FetchResult.Failed.class, get("/a.html"));
        assertEquals(FetchResult.Reason.HOST_PAUSED, paused.reason());
        assertEquals(0, server.requestCount("/a.html"), "a paused host is not contacted");

        clock.advance(Duration.ofSeconds(121));
        assertInstanceOf(FetchResult.Fetched.class, get("/a.html"));
        assertEquals(1, server.requestCount("/a.html"));
    }

    @Test
    void serviceUnavailableWithAnHttpDatePausesUntilThenButAtMostOneHour() {
        server.status("/robots.txt", 404);
        String inTenMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC));
        server.handle("/maint.html", ex -> {
            ex.getResponseHeaders().set("Retry-After", inTenMinutes);
            TestServer.send(ex, 503, "text/plain", "maintenance".getBytes(StandardCharsets.UTF_8));
        });
        get("/maint.html");
        Instant until = fetcher.hostPausedUntil(server.url("/")).orElseThrow();
        assertEquals(Instant.parse("2024-11-24T06:10:00Z"), until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertEquals(FetchResult.Reason.HOST_PAUSED, assertInstanceOf(FetchResult.Failed.class, get("/a.html")).reason());
    }

    @Test
    void serverErrorWithoutRetryAfterDoesNotPause() {
        server.status("/robots.txt", 404);
        server.status("/err.html", 503);
        get("/err.html");
        assertTrue(fetcher.hostPausedUntil(server.url("/")).isEmpty());
        assertInstanceOf(FetchResult.Fetched.class, get("/a.html"));
    }

    @Test
    void retryAfterValuesAreReadAndBounded() {
        Instant now = Instant.parse("2024-11-24T06:00:00Z");
        assertEquals(now.plusSeconds(30), RetryAfter.until("30", now).orElseThrow());
        assertEquals(now.plus(RetryAfter.MAX_PAUSE), RetryAfter.until("86400", now).orElseThrow());
        assertEquals(now.plus(RetryAfter.MAX_PAUSE), RetryAfter.until("99999999999999", now).orElseThrow());
        assertEquals(Instant.parse("2024-11-24T06:05:00Z"), RetryAfter.until("Sun, 24 Nov 2024 06:05:00 GMT", now).orElseThrow());
        assertEquals(now.plus(RetryAfter.MAX_PAUSE), RetryAfter.until("Mon, 25 Nov 2024 06:05:00 GMT", now).orElseThrow());
        assertTrue(RetryAfter.until("Sat, 23 Nov 2024 06:05:00 GMT", now).isEmpty(), "a date in the past asks for no pause");
        assertTrue(RetryAfter.until("soon", now).isEmpty());
        assertTrue(RetryAfter.until("", now).isEmpty());
        assertTrue(RetryAfter.until("0", now).isEmpty());
    }
}
