package io.yuqing.app;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariDataSource;
import io.yuqing.app.demo.DemoArticle;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two app processes ({@code yuqing serve}) on one real PostgreSQL and one real Elasticsearch node (the index both
 * nodes share, as a deployment of several nodes must), crawling the demo news site and mailing through a real SMTP
 * server. One node is killed with SIGKILL while it crawls; the survivor must finish the work: every risky
 * article alerted exactly once, every mail in the outbox delivered exactly once (by Message-ID), its /health/ready up.
 *
 * <p>With the crawl scheduler on Quartz's clustered store (detected by the nodes' rows in QRTZ_SCHEDULER_STATE), it
 * also checks one node per interval: every source's trigger fired once in the 10-minute interval cluster-wide, and
 * the nodes' {@code yuqing_crawler_cycles_total} together count at most two cycles per source (the killed node's
 * interrupted cycle is re-run once by the survivor). With the in-memory store each node crawls everything and only
 * the idempotent writes keep alerts and mails single; the test passes either way.
 */
class MultiNodeTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Duration NODE_START = Duration.ofSeconds(90);
    // Room for the outbox lease (90 s) of a mail the killed node had claimed but not sent.
    private static final Duration SETTLE = Duration.ofSeconds(170);
    private static final Pattern CONSOLE_LINE = Pattern.compile("Console: http://[^:\\s]+:(\\d+)");
    private static final List<Process> NODES = new CopyOnWriteArrayList<>();
    private static final Thread KILL_NODES = Thread.ofPlatform().unstarted(MultiNodeTest::destroyNodes);

    @TempDir
    static Path dir;
    private static Database db;
    private static DemoSite site;
    private static io.yuqing.indexer.store.ElasticsearchTestNode elasticsearch;

    @BeforeAll
    static void startSharedParts() {
        java.util.Optional<Path> zip = io.yuqing.indexer.store.ElasticsearchTestNode.distribution();
        org.junit.jupiter.api.Assumptions.assumeTrue(zip.isPresent(), "Elasticsearch integ-test distribution "
                + io.yuqing.indexer.store.ElasticsearchTestNode.VERSION + " not in the local Maven repository");
        Runtime.getRuntime().addShutdownHook(KILL_NODES);
        try {
            elasticsearch = io.yuqing.indexer.store.ElasticsearchTestNode.start(zip.get(), Path.of("target").toAbsolutePath());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        db = TestDatabases.postgres();
        site = DemoSite.start(Clock.systemUTC());
    }

    @AfterAll
    static void stopEverything() {
        destroyNodes();
        try {
            Runtime.getRuntime().removeShutdownHook(KILL_NODES);
        } catch (IllegalStateException alreadyExiting) {
            // The hook runs anyway.
        }
        if (site != null) {
            site.close();
        }
        if (db != null) {
            db.close();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    private static void destroyNodes() {
        for (Process p : NODES) {
            p.destroyForcibly();
        }
        for (Process p : NODES) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A running app process and the console port it reported. */
    private record Node(String name, Process process, int port, Path log) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    @Test
    void aKilledNodeLeavesTheSurvivorToAlertAndMailEverythingExactlyOnce() throws Exception {
        Instant began = Instant.now();
        List<DemoArticle> risky = site.articles().stream().filter(DemoArticle::expectRisky).toList();
        List<DemoArticle> harmless = site.articles().stream().filter(a -> !a.expectRisky()).toList();
        Path watchlist = dir.resolve("watchlist.csv");
        Files.writeString(watchlist, resource("/demo/watchlist.csv"), StandardCharsets.UTF_8);

        List<Process> launched = new ArrayList<>();
        for (String name : List.of("node-1", "node-2")) {
            launched.add(launch(name, writeConfig(name, watchlist)));
        }
        Node one = awaitConsole("node-1", launched.get(0));
        Node two = awaitConsole("node-2", launched.get(1));

        // Kill mid-cycle: once the first articles are through and not all of them, the busier node goes down hard.
        await("the nodes to start crawling", NODE_START, () -> count("SELECT COUNT(*) FROM crawl_seen_url") >= 2);
        long seenAtKill = count("SELECT COUNT(*) FROM crawl_seen_url");
        Map<String, Double> fetchedOne = scrape(one, "yuqing_documents_fetched_total");
        Map<String, Double> fetchedTwo = scrape(two, "yuqing_documents_fetched_total");
        boolean killOne = sum(fetchedOne) >= sum(fetchedTwo);
        Node victim = killOne ? one : two;
        Node survivor = killOne ? two : one;
        Map<String, Double> victimCycles = scrape(victim, "yuqing_crawler_cycles_total");
        victim.process().destroyForcibly();
        victim.process().waitFor();
        System.out.printf("killed %s (SIGKILL) with %d of %d articles seen%n", victim.name(), seenAtKill, site.articles().size());

        await("the survivor to alert every risky article and deliver every mail", SETTLE, () -> {
            if (count("SELECT COUNT(*) FROM crawl_seen_url") < site.articles().size()) {
                return false;
            }
            for (DemoArticle a : risky) {
                if (alertCount(a) == 0) {
                    return false;
                }
            }
            long outbox = count("SELECT COUNT(*) FROM outbox");
            return outbox > 0 && count("SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") == 0
                    && SMTP.getReceivedMessages().length >= outbox;
        });

        for (DemoArticle a : risky) {
            assertEquals(1, alertCount(a), "alerted exactly once for " + a.expectEnterprise() + ": " + a.title());
        }
        for (DemoArticle a : harmless) {
            assertEquals(0, count("SELECT COUNT(*) FROM alerts WHERE url = ?", a.url()), "harmless article must not alert: " + a.title());
        }
        // Every alert routed to a desk has that desk's mail in the outbox (one recipient per desk in this config).
        Set<String> outboxKeys = strings("SELECT idempotency_key FROM outbox");
        for (Map.Entry<Long, String> alert : alertDesks().entrySet()) {
            for (String desk : alert.getValue().split(",")) {
                if (!desk.isBlank()) {
                    assertTrue(outboxKeys.contains("alert:" + alert.getKey() + ":desk:" + desk.strip()),
                            "mail queued for alert " + alert.getKey() + " to desk " + desk);
                }
            }
        }
        Map<String, Integer> byMessageId = new TreeMap<>();
        for (MimeMessage m : SMTP.getReceivedMessages()) {
            byMessageId.merge(messageId(m), 1, Integer::sum);
        }
        assertEquals(outboxKeys.size(), byMessageId.size(), "one delivered mail per outbox entry: " + byMessageId.keySet());
        // SMTP has no idempotency: if the node dies after the server accepted a mail but before the outbox row was
        // marked sent (a window of milliseconds), the survivor sends that one row again when its lease ends, under the
        // same Message-ID so mail systems can drop the copy. That can happen to at most the one row the victim was
        // sending, and only to a row claimed twice; every other mail arrives exactly once.
        long claimedTwice = count("SELECT COUNT(*) FROM outbox WHERE attempts > 1");
        long duplicated = byMessageId.values().stream().filter(n -> n > 1).count();
        byMessageId.forEach((id, n) -> assertTrue(n <= 2, "mail " + id + " delivered " + n + " times"));
        assertTrue(duplicated <= 1 && duplicated <= claimedTwice,
                "only the mail in flight when the node died may arrive twice (same Message-ID): " + byMessageId);

        // The shared index holds every article exactly once, whichever node indexed it and however often.
        elasticsearch.request("POST", "/multinode-docs-read/_refresh", null);
        String counted = elasticsearch.request("GET", "/multinode-docs-read/_count", null);
        assertTrue(counted.contains("\"count\":" + site.articles().size() + ","),
                "Elasticsearch holds each of the " + site.articles().size() + " articles once: " + counted);

        HttpResponse<String> ready = TestHttp.get(survivor.url("/health/ready"));
        assertEquals(200, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("\"status\":\"up\""), ready.body());
        assertTrue(survivor.process().isAlive(), "the survivor keeps running");

        if (clusteredStoreInUse()) {
            Map<String, Double> survivorCycles = scrape(survivor, "yuqing_crawler_cycles_total");
            for (String source : strings("SELECT TRIGGER_NAME FROM QRTZ_SIMPLE_TRIGGERS WHERE SCHED_NAME = 'yuqing-crawler'")) {
                assertEquals(1, count("SELECT TIMES_TRIGGERED FROM QRTZ_SIMPLE_TRIGGERS WHERE SCHED_NAME = 'yuqing-crawler' AND TRIGGER_NAME = ?", source),
                        "source " + source + " fired once in its interval across both nodes");
                double cycles = victimCycles.getOrDefault(source, 0.0) + survivorCycles.getOrDefault(source, 0.0);
                assertTrue(cycles <= 2, "source " + source + " crawled by one node per interval (plus one re-run of an interrupted cycle): " + cycles);
            }
        }
        System.out.printf("multi-node test: %d alerts, %d mails, clustered store %s, %d s%n", count("SELECT COUNT(*) FROM alerts"),
                byMessageId.size(), clusteredStoreInUse(), Duration.between(began, Instant.now()).toSeconds());
    }

    // --- the nodes

    private Path writeConfig(String name, Path watchlist) throws IOException {
        HikariDataSource pool = (HikariDataSource) db.dataSource();
        String yaml = resource("/demo/demo-config.yml")
                .replace("${SITE}", site.baseUrl())
                // One interval spans the whole test: a second cycle of a source would be a second node's doing.
                .replaceAll("(?m)^(\\s+every:) .*$", "$1 10m")
                // Fixed intervals: an adapted interval reschedules the trigger, which restarts Quartz's fire count.
                .replace("  adaptive:\n", "  adaptive:\n    enabled: false\n")
                // Slower than the demo's default, so the first cycle is still running when a node is killed.
                .replaceAll("(?m)^(\\s+politenessDelay:) .*$", "$1 300ms")
                // The same links in mails from either node.
                .replace("  publicUrl: \"\"", "  publicUrl: \"http://yuqing.example\"")
                + "\ndataDir: " + quoted(dir.resolve(name).toString())
                + "\ndatabase:\n  url: " + quoted(pool.getJdbcUrl())
                + "\n  username: " + quoted(pool.getUsername())
                + "\n  password: " + quoted(pool.getPassword())
                + "\nsmtp:\n  host: 127.0.0.1\n  port: " + SMTP.getSmtp().getPort()
                + "\nindex:\n  backend: elasticsearch\n  elasticsearch:\n    hosts: [" + quoted(elasticsearch.uri().toString())
                + "]\n    indexPrefix: multinode"
                + "\nwatchlist:\n  csv: " + quoted(watchlist.toString()) + "\n";
        Path file = dir.resolve(name + ".yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Process launch(String name, Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(java, "-Xmx384m", "--enable-native-access=ALL-UNNAMED",
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                "io.yuqing.app.Main", "serve", "--config", config.toString(), "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        NODES.add(p);
        return p;
    }

    private Node awaitConsole(String name, Process p) throws Exception {
        Path log = dir.resolve(name + ".log");
        int[] port = {0};
        await(name + " to serve its console", NODE_START, () -> {
            if (!p.isAlive()) {
                fail(name + " exited with " + p.exitValue() + ":\n" + tail(log));
            }
            Matcher m = CONSOLE_LINE.matcher(read(log));
            if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
            }
            return false;
        });
        return new Node(name, p, port[0], log);
    }

    private static Map<String, Double> scrape(Node node, String metric) throws IOException, InterruptedException {
        // Prometheus text: name{...,source="id",...} value
        Pattern line = Pattern.compile("(?m)^" + metric + "\\{([^}]*)\\} ([0-9.eE+-]+)$");
        Pattern source = Pattern.compile("source=\"([^\"]*)\"");
        Map<String, Double> bySource = new HashMap<>();
        Matcher m = line.matcher(TestHttp.get(node.url("/metrics")).body());
        while (m.find()) {
            Matcher s = source.matcher(m.group(1));
            bySource.merge(s.find() ? s.group(1) : "", Double.parseDouble(m.group(2)), Double::sum);
        }
        return bySource;
    }

    private static double sum(Map<String, Double> values) {
        return values.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    // --- the shared database

    private static long alertCount(DemoArticle a) {
        return count("SELECT COUNT(*) FROM alerts WHERE url = ? AND enterprise_name = ?", a.url(), a.expectEnterprise());
    }

    private static boolean clusteredStoreInUse() {
        try {
            return count("SELECT COUNT(*) FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = 'yuqing-crawler'") > 0;
        } catch (IllegalStateException noQuartzTables) {
            return false;
        }
    }

    private static long count(String sql, Object... params) {
        return ServiceCounts.count(db.dataSource(), sql, params);
    }

    private static Set<String> strings(String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private static Map<Long, String> alertDesks() throws SQLException {
        Map<Long, String> desks = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement("SELECT id, desk_ids FROM alerts");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                desks.put(rs.getLong(1), rs.getString(2));
            }
        }
        return desks;
    }

    // --- helpers

    /** Polls until the condition holds; fails with what is being waited for after the deadline. */
    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what + nodeLogs());
            }
            Thread.sleep(200);
        }
    }

    private static String nodeLogs() {
        StringBuilder b = new StringBuilder();
        for (String name : List.of("node-1", "node-2")) {
            b.append("\n--- ").append(name).append(" log ---\n").append(tail(dir.resolve(name + ".log")));
        }
        return b.toString();
    }

    private static String messageId(MimeMessage m) {
        try {
            return Objects.requireNonNullElse(m.getMessageID(), "(none)");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(MultiNodeTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path file) {
        String text = read(file);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
