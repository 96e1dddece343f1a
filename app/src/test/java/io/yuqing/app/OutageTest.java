package io.yuqing.app;

import com.zaxxer.hikari.HikariDataSource;
import io.yuqing.app.demo.DemoArticle;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.DatabaseConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.crawler.CycleReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on a real PostgreSQL reached through a loopback TCP proxy that can cut the database off mid-cycle.
 * While the database is gone, /health/ready says so and crawl cycles end normally without marking anything seen
 * that was not stored; once it is back, readiness recovers on its own and the next cycle brings in every demo
 * article, alerting each risky one exactly once.
 */
class OutageTest {
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration FIRST_DOCUMENTS = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void aDatabaseOutageLosesNothingAndTheServiceRecovers() throws Exception {
        Instant began = Instant.now();
        Clock clock = Clock.systemUTC();
        try (Database direct = TestDatabases.postgres();
             TcpProxy proxy = TcpProxy.to(portOf(((HikariDataSource) direct.dataSource()).getJdbcUrl()));
             DemoSite site = DemoSite.start(clock)) {
            HikariDataSource pool = (HikariDataSource) direct.dataSource();
            String viaProxy = pool.getJdbcUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            List<DemoArticle> articles = site.articles();
            List<DemoArticle> risky = articles.stream().filter(DemoArticle::expectRisky).toList();
            List<DemoArticle> harmless = articles.stream().filter(a -> !a.expectRisky()).toList();

            try (ServiceFixture app = ServiceFixture.onDemoSite(site, data).clock(clock).console()
                    .adjust(demo -> new YuqingConfig(demo.dataDir(), demo.server(),
                            new DatabaseConfig(viaProxy, pool.getUsername(), pool.getPassword()), demo.index(), demo.crawler(),
                            demo.scoring(), demo.smtp(), demo.alerting(), demo.desks(), demo.watchlist(), demo.sources())).start();
                 var background = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                YuqingService service = app.service();
                String base = app.base();
                assertEquals(200, TestHttp.get(base + "/health/ready").statusCode(), "ready before the outage");

                // A cycle starts with the database up; once some articles are in, the database goes away under it.
                CompletableFuture<List<CycleReport>> first = CompletableFuture.supplyAsync(service::crawlOnce, background);
                int cutAt = Math.max(2, articles.size() - 4);
                Await.until("the first " + cutAt + " articles stored", FIRST_DOCUMENTS,
                        () -> first.isDone() || count(direct, "SELECT COUNT(*) FROM crawl_seen_url") >= cutAt);
                proxy.cut();
                Instant cutTime = Instant.now();
                long seenAtCut = count(direct, "SELECT COUNT(*) FROM crawl_seen_url");
                System.out.printf("database cut with %d of %d articles seen%n", seenAtCut, articles.size());
                // The interrupted cycle ends on its own, without an exception escaping it.
                List<CycleReport> interrupted = first.get(10, TimeUnit.MINUTES);
                System.out.printf("the interrupted cycle ended %d ms after the cut%n", Duration.between(cutTime, Instant.now()).toMillis());
                long seenAfterInterrupted = count(direct, "SELECT COUNT(*) FROM crawl_seen_url");
                assertTrue(seenAfterInterrupted < articles.size(),
                        "the cut came mid-cycle: " + seenAfterInterrupted + " of " + articles.size() + " seen; " + interrupted);
                assertTrue(interrupted.stream().anyMatch(r -> r.failures() > 0), "the cycle reports what it could not store: " + interrupted);

                Instant asked = Instant.now();
                HttpResponse<String> down = TestHttp.get(base + "/health/ready");
                System.out.printf("/health/ready answered %d in %d ms during the outage%n", down.statusCode(),
                        Duration.between(asked, Instant.now()).toMillis());
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(down.body().contains("\"database\":\"down"), "readiness names the database: " + down.body());
                assertTrue(down.body().contains("\"index\":\"up\""), "the index is not blamed: " + down.body());
                assertEquals(200, TestHttp.get(base + "/health/live").statusCode(), "the process stays alive");

                // A whole cycle during the outage: it ends normally, reports the database and marks nothing seen.
                Instant cycleStart = Instant.now();
                List<CycleReport> during = service.crawlOnce();
                System.out.printf("a cycle during the outage took %d ms%n", Duration.between(cycleStart, Instant.now()).toMillis());
                assertTrue(during.stream().allMatch(r -> r.failures() > 0 && r.newDocuments() == 0), "nothing stored during the outage: " + during);
                assertTrue(during.stream().allMatch(r -> String.join(" ", r.problems()).contains("database")),
                        "each source names the database: " + during);
                assertEquals(seenAfterInterrupted, count(direct, "SELECT COUNT(*) FROM crawl_seen_url"), "nothing marked seen during the outage");

                // Nothing lost: every article marked seen so far has its alert if it is risky, and once.
                Set<String> seen = strings(direct, "SELECT url FROM crawl_seen_url");
                for (DemoArticle a : risky) {
                    if (seen.contains(a.url())) {
                        assertEquals(1, alertCount(direct, a), "seen before the outage, so alerted once: " + a.title());
                    }
                }

                proxy.restore();
                Instant restored = Instant.now();
                Await.until("/health/ready to be up again", RECOVERY, () -> TestHttp.status(base + "/health/ready") == 200);
                System.out.printf("ready again %d ms after the database came back%n", Duration.between(restored, Instant.now()).toMillis());

                List<CycleReport> after = service.crawlOnce();
                assertTrue(after.stream().allMatch(r -> r.failures() == 0), "the cycle after the outage is clean: " + after);
                assertEquals(articles.size(), count(direct, "SELECT COUNT(*) FROM crawl_seen_url"), "every demo article seen: " + after);
                assertEquals(articles.size(), service.store().count(), "every demo article indexed once");
                for (DemoArticle a : risky) {
                    assertEquals(1, alertCount(direct, a), "alerted exactly once for " + a.expectEnterprise() + ": " + a.title());
                }
                for (DemoArticle a : harmless) {
                    assertEquals(0, count(direct, "SELECT COUNT(*) FROM alerts WHERE url = ?", a.url()), "harmless article must not alert: " + a.title());
                }
                assertEquals(count(direct, "SELECT COUNT(*) FROM (SELECT DISTINCT document_id, enterprise_id FROM alerts) d"),
                        count(direct, "SELECT COUNT(*) FROM alerts"), "no duplicate alerts");
            }
            System.out.printf("outage test: %d articles, %d risky, %d s%n", articles.size(), risky.size(),
                    Duration.between(began, Instant.now()).toSeconds());
        }
    }

    private static int portOf(String jdbcUrl) {
        Matcher m = Pattern.compile("//[^/:]+:(\\d+)/").matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalStateException("no port in " + jdbcUrl);
        }
        return Integer.parseInt(m.group(1));
    }

    private static long alertCount(Database db, DemoArticle a) {
        return count(db, "SELECT COUNT(*) FROM alerts WHERE url = ? AND enterprise_name = ?", a.url(), a.expectEnterprise());
    }

    private static long count(Database db, String sql, Object... params) {
        return ServiceCounts.count(db.dataSource(), sql, params);
    }

    private static Set<String> strings(Database db, String sql) throws SQLException {
        Set<String> values = new java.util.TreeSet<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
