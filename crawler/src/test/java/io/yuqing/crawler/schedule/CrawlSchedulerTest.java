package io.yuqing.crawler.schedule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Document;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.Pages;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrawlSchedulerTest {
    private TestServer server;
    private Database db;
    private Crawler crawler;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        server.status("/robots.txt", 404);
        db = new Database("jdbc:h2:mem:sched" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        db.migrate(CrawlStateStore.MIGRATIONS);
        crawler = new Crawler(Configs.crawler(), new CrawlStateStore(db.dataSource()), Clock.systemUTC(), new SimpleMeterRegistry());
        for (String name : List.of("a", "b")) {
            server.html("/" + name + "/1.html", Pages.standardArticle("<meta charset=\"utf-8\">").replace(Pages.HEADLINE, "甲乙丙公司新闻" + name));
            server.page("/" + name + "/rss.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><link>"
                    + server.url("/" + name + "/1.html") + "</link></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void tearDown() {
        crawler.close();
        server.close();
        db.close();
    }

    @Test
    void everySourceRunsRightAwayAndReportsItsCycle() throws InterruptedException {
        List<Document> docs = new CopyOnWriteArrayList<>();
        List<CycleReport> reports = new CopyOnWriteArrayList<>();
        CountDownLatch twoCycles = new CountDownLatch(2);
        try (CrawlScheduler scheduler = new CrawlScheduler(crawler, docs::add)) {
            scheduler.onCycle(r -> {
                reports.add(r);
                twoCycles.countDown();
            });
            scheduler.start(List.of(Configs.rss("a", server.url("/a/rss.xml")), Configs.rss("b", server.url("/b/rss.xml"))));
            assertTrue(twoCycles.await(30, TimeUnit.SECONDS), "both sources must run once at start");
        }
        assertEquals(Set.of("a", "b"), reports.stream().map(CycleReport::sourceId).collect(Collectors.toSet()));
        assertEquals(Set.of("甲乙丙公司新闻a", "甲乙丙公司新闻b"), docs.stream().map(Document::title).collect(Collectors.toSet()));
    }

    @Test
    void cyclesOfOneSourceNeverOverlap() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch threeCycles = new CountDownLatch(3);
        SourceConfig source = Configs.rss("a", server.url("/a/rss.xml"));
        try (CrawlScheduler scheduler = new CrawlScheduler(crawler, doc -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                release.await();
            } finally {
                running.decrementAndGet();
            }
            throw new IllegalStateException("refused, so the next cycle offers the document again");
        })) {
            scheduler.onCycle(r -> threeCycles.countDown());
            scheduler.start(List.of(source));
            scheduler.runNow("a");
            scheduler.runNow("a");
            release.countDown();
            assertTrue(threeCycles.await(30, TimeUnit.SECONDS), "the triggered cycles run after the first one");
        }
        assertEquals(1, maxRunning.get());
    }

    @Test
    void asManySourceCyclesRunAtOnceAsConfigured() throws InterruptedException {
        int sources = 6;
        List<SourceConfig> list = new java.util.ArrayList<>();
        for (int i = 0; i < sources; i++) {
            String name = "c" + i;
            server.html("/" + name + "/1.html", Pages.standardArticle("<meta charset=\"utf-8\">").replace(Pages.HEADLINE, "并发新闻" + name));
            server.page("/" + name + "/rss.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><link>"
                    + server.url("/" + name + "/1.html") + "</link></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
            list.add(Configs.rss(name, server.url("/" + name + "/rss.xml")));
        }
        // Every cycle waits inside the sink until all six are inside at once: possible only with six workers.
        CountDownLatch allInside = new CountDownLatch(sources);
        AtomicInteger together = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(sources);
        try (CrawlScheduler scheduler = new CrawlScheduler(crawler, doc -> {
            allInside.countDown();
            if (allInside.await(20, TimeUnit.SECONDS)) {
                together.incrementAndGet();
            }
        }, sources)) {
            scheduler.onCycle(r -> finished.countDown());
            scheduler.start(list);
            assertTrue(finished.await(60, TimeUnit.SECONDS), "every source ran");
        }
        assertEquals(sources, together.get(), "all six cycles were running at the same time");
        assertThrows(IllegalArgumentException.class, () -> new CrawlScheduler(crawler, doc -> { }, 0));
    }

    @Test
    void duplicateAndUnknownSourcesAreRefused() {
        try (CrawlScheduler scheduler = new CrawlScheduler(crawler, doc -> { })) {
            SourceConfig a = Configs.rss("a", server.url("/a/rss.xml"));
            assertThrows(IllegalArgumentException.class, () -> scheduler.start(List.of(a, a)));
            assertThrows(IllegalArgumentException.class, () -> scheduler.runNow("nope"));
        }
    }
}
