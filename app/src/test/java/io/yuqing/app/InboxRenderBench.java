package io.yuqing.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.app.cli.DemoCommand;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fills the alerts table with 100,000 alerts (plain SQL batches, the table's own columns) and prints how long the
 * inbox takes to answer on loopback, first page and filtered pages: median of 7 after 3 warm-ups. The goal is under
 * 200 ms a page; the figures are printed, not asserted (timings vary with the machine).
 */
class InboxRenderBench {
    private static final int ALERTS = 100_000;

    @TempDir
    Path dir;

    @Test
    void inboxRenderTimesWithOneHundredThousandAlerts() throws Exception {
        YuqingConfig config = DemoCommand.demoConfig("http://127.0.0.1:9", dir.resolve("data"), 0, null);
        PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
        try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), registry);
             ConsoleServer console = ConsoleServer.start(service, registry, 0)) {
            List<Enterprise> watchlist = service.watchlist();
            long t0 = System.nanoTime();
            fill(service, watchlist);
            System.out.printf(Locale.ROOT, "[bench] inserted %,d alerts in %d ms%n", ALERTS, (System.nanoTime() - t0) / 1_000_000);
            console.users().add("admin", Role.ADMIN, null, "admin password 1", List.of("publicity", "united-front"), "bench");
            console.users().add("tongzhan", Role.DESK, "united-front", "united front pw", List.of("publicity", "united-front"), "bench");
            String base = "http://127.0.0.1:" + console.port();
            ConsoleClient admin = new ConsoleClient(base);
            assertEquals(303, admin.login("admin", "admin password 1").statusCode());
            ConsoleClient desk = new ConsoleClient(base);
            assertEquals(303, desk.login("tongzhan", "united front pw").statusCode());
            assertTrue(admin.get("/alerts").body().contains("共 " + ALERTS + " 条"));

            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            String district = URLEncoder.encode(watchlist.getFirst().district(), StandardCharsets.UTF_8);
            measure(admin, "first page", "/alerts");
            measure(admin, "page 1000 (offset 49,950)", "/alerts?offset=49950");
            measure(admin, "level=red", "/alerts?level=red");
            measure(admin, "status=open", "/alerts?status=open");
            measure(admin, "category", "/alerts?category=" + RiskCategory.WAGE_ARREARS.code());
            measure(admin, "district", "/alerts?district=" + district);
            measure(admin, "last 7 days", "/alerts?from=" + today.minusDays(6) + "&to=" + today);
            measure(admin, "red+open+category+district+dates", "/alerts?level=red&status=open&category="
                    + RiskCategory.WAGE_ARREARS.code() + "&district=" + district + "&from=" + today.minusDays(29) + "&to=" + today);
            measure(desk, "desk member first page", "/alerts");
            measure(admin, "summary poll", "/api/alerts/summary?after=" + ALERTS);
            measure(admin, "enterprise page", "/enterprises/" + URLEncoder.encode(watchlist.getFirst().id(), StandardCharsets.UTF_8));
        }
    }

    private static void measure(ConsoleClient client, String name, String path) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get(path).statusCode(), path);
        }
        long[] ms = new long[7];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            assertEquals(200, client.get(path).statusCode(), path);
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "[bench] inbox %-36s median %4d ms  max %4d ms%n", name, ms[ms.length / 2], ms[ms.length - 1]);
    }

    /** 100,000 alerts over the last 90 days, spread over the watchlist, levels, categories, statuses and desks. */
    private static void fill(YuqingService service, List<Enterprise> watchlist) throws Exception {
        String[] levels = {"blue", "blue", "blue", "yellow", "yellow", "orange", "red"};
        String[] statuses = {"new", "acknowledged", "resolved", "false_positive"};
        String[] desks = {"publicity", "united-front", "publicity,united-front"};
        RiskCategory[] categories = RiskCategory.values();
        Random random = new Random(42);
        Instant now = Instant.now();
        try (Connection c = service.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (document_id, enterprise_id, enterprise_name, title, url,"
                    + " source_id, score, level, categories, evidence, desk_ids, status, created_at, updated_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < ALERTS; i++) {
                    Enterprise e = watchlist.get(random.nextInt(watchlist.size()));
                    OffsetDateTime at = OffsetDateTime.ofInstant(now.minusSeconds(random.nextInt(90 * 86_400)), ZoneOffset.UTC);
                    ps.setString(1, String.format(Locale.ROOT, "doc%08d", i));
                    ps.setString(2, e.id());
                    ps.setString(3, e.name());
                    ps.setString(4, e.name() + "被曝拖欠工资<script>alert(" + i + ")</script>");
                    ps.setString(5, "https://news.example.cn/a/" + i);
                    ps.setString(6, "bench");
                    ps.setInt(7, 20 + random.nextInt(80));
                    ps.setString(8, levels[random.nextInt(levels.length)]);
                    ps.setString(9, categories[random.nextInt(categories.length)].code());
                    ps.setString(10, "[]");
                    ps.setString(11, desks[random.nextInt(desks.length)]);
                    ps.setString(12, statuses[random.nextInt(statuses.length)]);
                    ps.setObject(13, at);
                    ps.setObject(14, at);
                    ps.addBatch();
                    if (i % 5_000 == 4_999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }
}
