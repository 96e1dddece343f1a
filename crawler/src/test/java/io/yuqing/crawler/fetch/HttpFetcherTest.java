package io.yuqing.crawler.fetch;

import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpFetcherTest {
    private TestServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void setUp() throws IOException {
        server = new TestServer();
        fetcher = new HttpFetcher(Configs.crawler(Duration.ofMillis(500), 64 * 1024), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        fetcher.close();
        server.close();
    }

    private FetchResult get(String path) {
        return fetcher.fetch(FetchRequest.of(server.url(path), true));
    }

    private static FetchResult.Failed failed(FetchResult r) {
        return assertInstanceOf(FetchResult.Failed.class, r, () -> "expected a failure, got " + r);
    }

    @Test
    void fetchesBodyWithContentTypeAndSendsUserAgent() {
        List<String> agents = new CopyOnWriteArrayList<>();
        server.handle("/a.html", ex -> {
            agents.add(ex.getRequestHeaders().getFirst("User-Agent"));
            TestServer.send(ex, 200, "text/html; charset=utf-8", "<p>你好</p>".getBytes(StandardCharsets.UTF_8));
        });
        FetchResult.Fetched f = assertInstanceOf(FetchResult.Fetched.class, get("/a.html"));
        assertEquals(200, f.status());
        assertEquals("text/html; charset=utf-8", f.contentType());
        assertEquals("<p>你好</p>", new String(f.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("YuqingBot/0.1 (test)"), agents);
    }

    @Test
    void notFoundIsAPermanentFailure() {
        FetchResult.Failed f = failed(get("/missing.html"));
        assertEquals(FetchResult.Reason.NOT_FOUND, f.reason());
        assertFalse(f.retryable());
    }

    @Test
    void serverErrorIsRetryable() {
        server.status("/broken", 503);
        FetchResult.Failed f = failed(get("/broken"));
        assertEquals(FetchResult.Reason.HTTP_ERROR, f.reason());
        assertTrue(f.retryable());
        assertTrue(f.message().contains("503"), f.message());
    }

    @Test
    void serverThatNeverAnswersTimesOut() {
        server.hang("/slow");
        FetchResult.Failed f = failed(get("/slow"));
        assertEquals(FetchResult.Reason.TIMEOUT, f.reason());
        assertTrue(f.retryable());
    }

    @Test
    void bodyThatDripsPastTheDeadlineTimesOut() {
        server.handle("/drip", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("<html>".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(FetchResult.Reason.TIMEOUT, failed(get("/drip")).reason());
    }

    @Test
    void oversizedBodyIsRefusedEvenWithoutContentLength() {
        byte[] big = new byte[200 * 1024];
        server.handle("/big", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to trust
            try (OutputStream out = ex.getResponseBody()) {
                out.write(big);
            } catch (IOException e) {
                // The client hangs up once it has seen enough.
            }
        });
        FetchResult.Failed f = failed(get("/big"));
        assertEquals(FetchResult.Reason.TOO_LARGE, f.reason());
        assertFalse(f.retryable());
    }

    @Test
    void gzipBombIsRefusedByItsDecodedSize() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write(new byte[10 * 1024 * 1024]);
        }
        byte[] bomb = compressed.toByteArray();
        assertTrue(bomb.length < 64 * 1024, "the bomb itself must be under the cap");
        server.handle("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestServer.send(ex, 200, "text/html", bomb);
        });
        assertEquals(FetchResult.Reason.TOO_LARGE, failed(get("/bomb")).reason());
    }

    @Test
    void gzipBodyIsDecoded() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(compressed)) {
            gz.write("<p>压缩的正文</p>".getBytes(StandardCharsets.UTF_8));
        }
        server.handle("/gz", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestServer.send(ex, 200, "text/html; charset=utf-8", compressed.toByteArray());
        });
        FetchResult.Fetched f = assertInstanceOf(FetchResult.Fetched.class, get("/gz"));
        assertEquals("<p>压缩的正文</p>", new String(f.body(), StandardCharsets.UTF_8));
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlReported() {
        server.redirect("/old", "/middle").redirect("/middle", server.url("/new")).html("/new", "<p>到了</p>");
        FetchResult.Fetched f = assertInstanceOf(FetchResult.Fetched.class, get("/old"));
        assertEquals(server.url("/new"), f.finalUrl());
    }

    @Test
    void redirectLoopIsRefused() {
        server.redirect("/a", "/b").redirect("/b", "/a");
        FetchResult.Failed f = failed(get("/a"));
        assertEquals(FetchResult.Reason.REDIRECT_LOOP, f.reason());
        assertEquals(1, server.requestCount("/a"));
    }

    @Test
    void tooManyRedirectsAreRefused() {
        for (int i = 0; i < 10; i++) {
            server.redirect("/r" + i, "/r" + (i + 1));
        }
        assertEquals(FetchResult.Reason.TOO_MANY_REDIRECTS, failed(get("/r0")).reason());
    }

    @Test
    void loopbackIsRefusedUnlessTheSourceAllowsPrivateNetworks() {
        server.html("/secret", "<p>内部</p>");
        FetchResult.Failed f = failed(fetcher.fetch(FetchRequest.of(server.url("/secret"), false)));
        assertEquals(FetchResult.Reason.BLOCKED_ADDRESS, f.reason());
        assertTrue(f.message().contains("loopback"), f.message());
        assertEquals(0, server.requestCount("/secret"), "nothing may reach the blocked address");
    }

    @Test
    void loopbackReachedThroughARedirectIsRefused() {
        // Pretend 127.0.0.1 is a public address so the first hop passes; "localhost" resolves for real.
        UrlGuard guard = new UrlGuard(host -> host.equals("127.0.0.1")
                ? List.of(InetAddress.getByAddress(new byte[]{93, (byte) 184, (byte) 216, 34}))
                : List.of(InetAddress.getAllByName(host)));
        try (HttpFetcher guarded = new HttpFetcher(Configs.crawler(), guard,
                HostGate.sleeping(Duration.ZERO, Clock.systemUTC()), Clock.systemUTC())) {
            server.redirect("/go", "http://localhost:" + server.port() + "/secret").html("/secret", "<p>内部</p>");
            FetchResult.Failed f = failed(guarded.fetch(FetchRequest.of(server.url("/go"), false)));
            assertEquals(FetchResult.Reason.BLOCKED_ADDRESS, f.reason());
            assertEquals(1, server.requestCount("/go"));
            assertEquals(0, server.requestCount("/secret"));
        }
    }

    @Test
    void robotsTxtDisallowIsRespectedAndFetchedOncePerHost() {
        server.page("/robots.txt", "text/plain", """
                User-agent: *
                Disallow: /private/
                """.getBytes(StandardCharsets.UTF_8));
        server.html("/private/a.html", "<p>不许抓</p>").html("/public/a.html", "<p>可以抓</p>").html("/public/b.html", "<p>也可以</p>");
        FetchResult.Failed f = failed(get("/private/a.html"));
        assertEquals(FetchResult.Reason.ROBOTS_DISALLOWED, f.reason());
        assertEquals(0, server.requestCount("/private/a.html"));
        assertInstanceOf(FetchResult.Fetched.class, get("/public/a.html"));
        assertInstanceOf(FetchResult.Fetched.class, get("/public/b.html"));
        assertEquals(1, server.requestCount("/robots.txt"));
    }

    @Test
    void robotsTxtNamingOurBotApplies() {
        server.page("/robots.txt", "text/plain", """
                User-agent: YuqingBot
                Disallow: /

                User-agent: *
                Allow: /
                """.getBytes(StandardCharsets.UTF_8));
        server.html("/a.html", "<p>x</p>");
        assertEquals(FetchResult.Reason.ROBOTS_DISALLOWED, failed(get("/a.html")).reason());
    }

    @Test
    void missingRobotsTxtAllowsAll() {
        server.status("/robots.txt", 404);
        server.html("/a.html", "<p>x</p>");
        assertInstanceOf(FetchResult.Fetched.class, get("/a.html"));
        assertEquals(1, server.requestCount("/robots.txt"));
    }

    @Test
    void conditionalRequestGivesNotModified() {
        server.handle("/feed.xml", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.getResponseHeaders().set("ETag", "\"v1\"");
                TestServer.send(ex, 200, "application/rss+xml", "<rss/>".getBytes(StandardCharsets.UTF_8));
            }
        });
        FetchResult.Fetched first = assertInstanceOf(FetchResult.Fetched.class, get("/feed.xml"));
        assertEquals("\"v1\"", first.etag());
        FetchResult second = fetcher.fetch(new FetchRequest(server.url("/feed.xml"), true, first.etag(), ""));
        assertInstanceOf(FetchResult.NotModified.class, second);
    }

    @Test
    void connectionRefusedIsAConnectError() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        FetchResult.Failed f = failed(fetcher.fetch(FetchRequest.of("http://127.0.0.1:" + port + "/", true)));
        assertTrue(f.retryable());
        assertEquals(FetchResult.Reason.CONNECT_ERROR, f.reason(), f.toString());
    }

    @Test
    void notAnHttpUrlIsInvalid() {
        assertEquals(FetchResult.Reason.INVALID_URL, failed(fetcher.fetch(FetchRequest.of("ftp://example.com/x", true))).reason());
        assertEquals(FetchResult.Reason.INVALID_URL, failed(fetcher.fetch(FetchRequest.of("http://exa mple.com/", true))).reason());
    }

    @Test
    void politenessGateWaitsTheDelayBetweenRequestsToOneHost() {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-24T06:00:00Z"));
        List<Duration> waits = new CopyOnWriteArrayList<>();
        HostGate gate = new HostGate(Duration.ofSeconds(2), clock, d -> {
            waits.add(d);
            clock.advance(d);
        });
        server.html("/a.html", "<p>a</p>").html("/b.html", "<p>b</p>");
        try (HttpFetcher polite = new HttpFetcher(Configs.crawler(), new UrlGuard(), gate, clock)) {
            assertInstanceOf(FetchResult.Fetched.class, polite.fetch(FetchRequest.of(server.url("/a.html"), true)));
            clock.advance(Duration.ofMillis(500));
            assertInstanceOf(FetchResult.Fetched.class, polite.fetch(FetchRequest.of(server.url("/b.html"), true)));
        }
        // robots.txt, a.html, b.html: the 2nd waits the full delay (clock did not move), the 3rd the remaining 1.5 s.
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofMillis(1500)), waits);
    }

    @Test
    void bodyBytesArePassedThroughUnchanged() {
        byte[] gbk = "<p>中文</p>".getBytes(java.nio.charset.Charset.forName("GBK"));
        server.page("/gbk.html", "text/html", gbk);
        assertArrayEquals(gbk, assertInstanceOf(FetchResult.Fetched.class, get("/gbk.html")).body());
    }
}
