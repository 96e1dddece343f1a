package io.yuqing.crawler.schedule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
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
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clustered job store on H2 and on a real PostgreSQL: the V3 migration's tables, jobs firing on schedule,
 * schedules kept across restarts, configuration changes applied, and two nodes on one database never running one
 * source's cycle twice at once. (Killing a node mid-cycle is proven with two JVMs in the app's MultiNodeTest.)
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class ClusteredCrawlSchedulerTest {
    @Parameter
    TestDatabases.Kind kind;
    private TestServer server;
    private Database db;
    private final List<Crawler> crawlers = new ArrayList<>();
    private final List<Database> pools = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        server.status("/robots.txt", 404);
        db = kind.create();
        db.migrate(CrawlStateStore.MIGRATIONS);
        for (String name : List.of("a", "b")) {
            server.html("/" + name + "/1.html", Pages.standardArticle("<meta charset=\"utf-8\">").replace(Pages.HEADLINE, "甲乙丙公司新闻" + name));
            server.page("/" + name + "/rss.xml", "application/rss+xml", ("<rss version=\"2.0\"><channel><title>t</title><item><title>x</title><link>"
                    + server.url("/" + name + "/1.html") + "</link></item></channel></rss>").getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void tearDown() {
        crawlers.forEach(Crawler::close);
        server.close();
        pools.forEach(Database::close);
        db.close();
    }

    /** A node: its own crawler over its own pool to the shared database, as a separate process would have. */
    private CrawlScheduler node(String instanceId, java.util.function.Consumer<Document> sink) {
        Database pool = TestDatabases.secondPool(db);
        pools.add(pool);
        Crawler crawler = new Crawler(Configs.crawler(), new CrawlStateStore(pool.dataSource()), Clock.systemUTC(), new SimpleMeterRegistry());
        crawlers.add(crawler);
        return new CrawlScheduler(crawler, sink::accept, pool.dataSource(), instanceId);
    }

    private SourceConfig source(String id, Duration every) {
        return new SourceConfig(id, id, SourceConfig.Kind.RSS, server.url("/" + id + "/rss.xml"), every, "", "", true);
    }

    @Test
    void theMigrationCreatesQuartzTablesAndTheJobRunsOnSchedule() throws Exception {
        assertEquals(11, count("SELECT COUNT(*) FROM information_schema.tables WHERE UPPER(table_name) LIKE 'QRTZ\\_%' ESCAPE '\\'"));
        List<Document> docs = new CopyOnWriteArrayList<>();
        CountDownLatch threeCycles = new CountDownLatch(3);
        try (CrawlScheduler scheduler = node("node-1", docs::add)) {
            assertTrue(scheduler.clustered());
            assertEquals("node-1", scheduler.instanceId());
            scheduler.onCycle(r -> threeCycles.countDown());
            scheduler.start(List.of(source("a", Duration.ofSeconds(1))));
            assertTrue(threeCycles.await(60, TimeUnit.SECONDS), "a 1 s schedule fires again and again");
            assertEquals(1, count("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = 'yuqing-crawler' AND INSTANCE_NAME = 'node-1'"),
                    "the node checks in to the cluster");
        }
        assertEquals(List.of("甲乙丙公司新闻a"), docs.stream().map(Document::title).toList(), "the article is handed on once");
    }

    @Test
    void schedulesPersistAcrossARestartAndConfigChangesApply() throws Exception {
        CountDownLatch firstCycles = new CountDownLatch(2);
        Instant nextA;
        try (CrawlScheduler first = node("node-1", doc -> { })) {
            first.onCycle(r -> firstCycles.countDown());
            first.start(List.of(source("a", Duration.ofMinutes(10)), source("b", Duration.ofMinutes(10))));
            assertTrue(firstCycles.await(30, TimeUnit.SECONDS), "both sources run right away on a fresh schedule");
            nextA = first.nextRun("a").orElseThrow();
        }
        assertEquals(2, count("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE SCHED_NAME = 'yuqing-crawler'"), "triggers are stored");

        try (CrawlScheduler restarted = node("node-1", doc -> { })) {
            restarted.start(List.of(source("a", Duration.ofMinutes(10)), source("b", Duration.ofMinutes(20))));
            assertEquals(Set.of("a", "b"), restarted.scheduledSources());
            assertEquals(nextA, restarted.nextRun("a").orElseThrow(), "an unchanged source keeps its stored schedule");
            assertEquals(Duration.ofMinutes(20).toMillis(), count("SELECT REPEAT_INTERVAL FROM QRTZ_SIMPLE_TRIGGERS WHERE TRIGGER_NAME = 'b'"),
                    "a changed interval replaces the stored trigger");
        }

        try (CrawlScheduler shrunk = node("node-1", doc -> { })) {
            shrunk.start(List.of(source("a", Duration.ofMinutes(10))));
            assertEquals(Set.of("a"), shrunk.scheduledSources(), "a source removed from the config is unscheduled");
            assertEquals(0, count("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_NAME = 'b'"));
        }
    }

    @Test
    void twoNodesOnOneDatabaseNeverRunOneSourceAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch firstCycleBlocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        java.util.function.Consumer<Document> slowRefusingSink = doc -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            firstCycleBlocked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            throw new IllegalStateException("refused, so every cycle offers the document again");
        };
        List<String> cyclesBy = new CopyOnWriteArrayList<>();
        CountDownLatch threeCycles = new CountDownLatch(3);
        try (CrawlScheduler one = node("node-1", slowRefusingSink); CrawlScheduler two = node("node-2", slowRefusingSink)) {
            one.onCycle(r -> {
                cyclesBy.add("node-1");
                threeCycles.countDown();
            });
            two.onCycle(r -> {
                cyclesBy.add("node-2");
                threeCycles.countDown();
            });
            SourceConfig a = source("a", Duration.ofMinutes(10));
            one.start(List.of(a));
            assertTrue(firstCycleBlocked.await(30, TimeUnit.SECONDS), "the first node starts the first cycle");
            two.start(List.of(a));
            assertNotEquals(one.instanceId(), two.instanceId());
            // Two extra runs asked for on both nodes while the first still runs: they wait for it, cluster-wide.
            two.runNow("a");
            one.runNow("a");
            release.countDown();
            assertTrue(threeCycles.await(60, TimeUnit.SECONDS), "the first cycle and both extra runs happen: " + cyclesBy);
        }
        assertEquals(1, maxRunning.get(), "never two cycles of one source at once across nodes: " + cyclesBy);
        assertEquals(3, cyclesBy.size(), "the 10-minute schedule adds no run of its own: " + cyclesBy);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
