package io.yuqing.crawler.kinds;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Document;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.SourceInputs;
import io.yuqing.crawler.fetch.HttpFetcher;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.state.SourceBackoff;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.TestServer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A loopback site, a real H2 crawl state and a crawler with the given inputs, for the source-kind tests. */
final class CrawlFixture implements AutoCloseable {
    final AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-24T07:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<Document> sunk = new ArrayList<>();
    final TestServer server;
    final Database db;
    final CrawlStateStore state;
    private final List<Crawler> crawlers = new ArrayList<>();
    private final java.util.Map<String, String> pages = new java.util.concurrent.ConcurrentHashMap<>();

    /** Serves UTF-8 HTML at a path; calling it again for the same path changes what the path serves. */
    void serve(String path, String html) {
        if (pages.put(path, html) == null) {
            server.handle(path, ex -> TestServer.send(ex, 200, "text/html; charset=utf-8",
                    pages.get(path).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    CrawlFixture() throws Exception {
        server = new TestServer();
        server.status("/robots.txt", 404);
        db = new Database("jdbc:h2:mem:kinds" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        db.migrate(CrawlStateStore.MIGRATIONS);
        state = new CrawlStateStore(db.dataSource());
    }

    Crawler crawler(SourceInputs inputs) {
        Crawler c = new Crawler(Configs.crawler(Duration.ofSeconds(2), 1024 * 1024), state, clock, meters,
                new HttpFetcher(Configs.crawler(Duration.ofSeconds(2), 1024 * 1024), clock), SourceBackoff.DEFAULT, inputs);
        crawlers.add(c);
        return c;
    }

    @Override
    public void close() {
        crawlers.forEach(Crawler::close);
        server.close();
        db.close();
    }
}
