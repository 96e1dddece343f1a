package io.yuqing.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.WatchlistConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.crawler.CycleReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One crawl cycle through everything hostile at once, on a loopback site: 100,000-level nested HTML, a 50 MB page,
 * binary served as text/html, invalid UTF-8, a gzip bomb, endless redirects, a redirect loop, a slow-drip server, a
 * garbage robots.txt, a garbage feed and a binary feed, with a 50,000-enterprise watchlist. No crash, no hang (the
 * {@link Timeout} is only a guard against one), a message naming each bad page or feed, and the good articles of the
 * same cycle come through and alert. Plus config files with many kinds of mistakes, each refused with a clear message.
 */
class HostileInputTest {
    private static final int WATCHLIST_SIZE = 50_000;
    private static final String DEEP_NESTING_ENTERPRISE = "青州深层网络科技有限公司";

    @TempDir
    Path dir;
    private HttpServer server;
    private String base;
    private final Map<String, String> goodArticles = new LinkedHashMap<>();

    @BeforeEach
    void startSite() throws IOException {
        goodArticles.put("/a/good-wages.html", "青州云帆科技有限公司");
        goodArticles.put("/a/good-food.html", "青州鑫源食品有限公司");
        goodArticles.put("/a/good-feed-item.html", "青州恒通物流有限公司");
        byte[] zipBomb = gzipOfZeros(200L * 1024 * 1024);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try {
                serve(exchange, zipBomb);
            } catch (IOException crawlerHungUp) {
                // the crawler stopped reading (size cap, timeout): expected for the hostile pages
            } finally {
                exchange.close();
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopSite() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange, byte[] zipBomb) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/robots.txt" -> {
                byte[] noise = new byte[4096];
                new Random(7).nextBytes(noise);
                String garbage = "Crawl-delay: banana\nDisallow\nUser-agent\n\u0000\u0001Allow: *?*?*\n" + "#".repeat(10_000) + "\n";
                send(exchange, 200, "text/plain", concat(garbage.getBytes(StandardCharsets.UTF_8), noise));
            }
            case "/list.html" -> {
                StringBuilder html = new StringBuilder("<html><body><ul>");
                for (String link : List.of("/a/good-wages.html", "/a/deep.html", "/a/huge.html", "/a/binary.html",
                        "/a/invalid-bytes.html", "/a/zip-bomb.html", "/a/redirect/1", "/a/loop.html", "/a/drip.html",
                        "/a/good-food.html")) {
                    html.append("<li><a href=\"").append(link).append("\">条目</a></li>");
                }
                send(exchange, 200, "text/html; charset=utf-8", html.append("</ul></body></html>").toString().getBytes(StandardCharsets.UTF_8));
            }
            case "/feed.xml" -> send(exchange, 200, "application/rss+xml; charset=utf-8", """
                    <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>青州</title>
                    <item><title>青州恒通物流有限公司发生安全事故</title><link>%s/a/good-feed-item.html</link></item>
                    </channel></rss>""".formatted(base).getBytes(StandardCharsets.UTF_8));
            case "/garbage-feed.xml" -> send(exchange, 200, "application/rss+xml",
                    "<?xml version=\"1.0\"?><rss><channel><item><title>未闭合<link>&bogus;</channel>\u0000<<<>>>".getBytes(StandardCharsets.UTF_8));
            case "/binary-feed.xml" -> {
                byte[] noise = new byte[64 * 1024];
                new Random(11).nextBytes(noise);
                send(exchange, 200, "application/rss+xml", noise);
            }
            case "/a/good-wages.html" -> send(exchange, 200, "text/html; charset=utf-8", article("青州云帆科技有限公司被曝拖欠员工工资",
                    "近日，多名员工反映青州云帆科技有限公司拖欠工资长达三个月，员工多次讨薪未果，劳动监察部门已介入调查。"));
            case "/a/good-food.html" -> send(exchange, 200, "text/html; charset=utf-8", article("青州鑫源食品有限公司产品抽检不合格",
                    "市场监管部门公布的食品安全抽检结果显示，青州鑫源食品有限公司生产的一批次速冻水饺菌落总数超标，被判定为不合格产品，相关产品已下架召回。"));
            case "/a/good-feed-item.html" -> send(exchange, 200, "text/html; charset=utf-8", article("青州恒通物流有限公司仓库发生火灾致两人死亡",
                    "昨日凌晨，青州恒通物流有限公司仓库发生火灾，造成两人死亡、三人受伤，应急管理部门已责令该公司停产整顿，事故原因正在调查。"));
            case "/a/deep.html" -> {
                int levels = 100_000;
                String text = "<p>" + DEEP_NESTING_ENTERPRISE + "拖欠员工工资，员工多次讨薪未果。</p>";
                StringBuilder html = new StringBuilder(levels * 11 + 200).append("<html><head><title>深层嵌套</title></head><body>");
                html.append("<div>".repeat(levels)).append(text).append("</div>".repeat(levels)).append("</body></html>");
                send(exchange, 200, "text/html; charset=utf-8", html.toString().getBytes(StandardCharsets.UTF_8));
            }
            case "/a/huge.html" -> {
                // 50 MB, streamed: the crawler must stop reading at its cap instead of holding it all.
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, 50L * 1024 * 1024);
                byte[] chunk = "<p>青州无尽页面</p>".repeat(2048).getBytes(StandardCharsets.UTF_8);
                OutputStream out = exchange.getResponseBody();
                long left = 50L * 1024 * 1024;
                while (left > 0) {
                    int n = (int) Math.min(chunk.length, left);
                    out.write(chunk, 0, n);
                    left -= n;
                }
            }
            case "/a/binary.html" -> {
                byte[] noise = new byte[256 * 1024];
                new Random(3).nextBytes(noise);
                send(exchange, 200, "text/html", noise);
            }
            case "/a/invalid-bytes.html" -> {
                byte[] head = "<html><head><title>无效字节</title></head><body><p>".getBytes(StandardCharsets.UTF_8);
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, (byte) 0x28, (byte) 0xF0, (byte) 0x90, (byte) 0x28, (byte) 0xFF};
                byte[] tail = "乱码之后仍有正文。</p></body></html>".getBytes(StandardCharsets.UTF_8);
                send(exchange, 200, "text/html; charset=utf-8", concat(concat(head, bad), tail));
            }
            case "/a/zip-bomb.html" -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                send(exchange, 200, "text/html; charset=utf-8", zipBomb);
            }
            case "/a/loop.html" -> redirect(exchange, "/a/loop.html");
            case "/a/drip.html" -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                for (int i = 0; i < 600; i++) { // one byte every 100 ms for up to a minute, far past the read timeout
                    out.write('<');
                    out.flush();
                    sleep(100);
                }
            }
            default -> {
                if (path.startsWith("/a/redirect/")) {
                    int n = Integer.parseInt(path.substring("/a/redirect/".length()));
                    redirect(exchange, "/a/redirect/" + (n + 1));
                } else {
                    send(exchange, 404, "text/html; charset=utf-8", "<html><body>404</body></html>".getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void oneCycleThroughEverythingHostileStillAlertsTheGoodArticles() throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                crawler:
                  readTimeout: 2s
                  politenessDelay: 0ms
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                sources:
                  - id: hostile-list
                    kind: html-list
                    url: %s/list.html
                    allowPrivateNetwork: true
                  - id: good-feed
                    kind: rss
                    url: %s/feed.xml
                    allowPrivateNetwork: true
                  - id: garbage-feed
                    kind: rss
                    url: %s/garbage-feed.xml
                    allowPrivateNetwork: true
                  - id: binary-feed
                    kind: rss
                    url: %s/binary-feed.xml
                    allowPrivateNetwork: true
                """.formatted(dir.resolve("data"), base, base, base, base), "hostile.yml");
        config = config.withWatchlist(new WatchlistConfig("", enormousWatchlist(), Map.of()));

        try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), ServiceRunner.newRegistry())) {
            assertEquals(WATCHLIST_SIZE + goodArticles.size() + 1, service.watchlist().size(), "the whole watchlist is loaded");
            long started = System.nanoTime();
            List<CycleReport> reports = service.crawlOnce();
            System.out.printf("hostile cycle: %d ms%n", (System.nanoTime() - started) / 1_000_000);
            Map<String, CycleReport> bySource = new LinkedHashMap<>();
            reports.forEach(r -> bySource.put(r.sourceId(), r));
            reports.forEach(r -> System.out.println(r.sourceId() + ": " + r.newDocuments() + " new, " + r.failures()
                    + " failed, " + r.took().toMillis() + " ms\n  " + String.join("\n  ", r.problems())));

            // Every good article of the cycle came through and alerted its enterprise.
            List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 100);
            for (var good : goodArticles.entrySet()) {
                assertTrue(alerts.stream().anyMatch(a -> a.url().equals(base + good.getKey()) && a.enterpriseName().equals(good.getValue())),
                        "the good article " + good.getKey() + " alerted " + good.getValue() + ": " + alerts);
            }

            // Each hostile page is either read safely or named in the cycle's problems with a reason.
            String listProblems = String.join("\n", bySource.get("hostile-list").problems());
            for (String hostile : List.of("/a/huge.html", "/a/zip-bomb.html", "/a/redirect/1", "/a/loop.html", "/a/drip.html")) {
                assertTrue(listProblems.contains(base + hostile + ": "), hostile + " is named with its reason:\n" + listProblems);
            }
            assertTrue(problemFor(listProblems, "/a/huge.html").matches(".*(large|大).*"), listProblems);
            assertTrue(problemFor(listProblems, "/a/zip-bomb.html").matches(".*(large|大).*"), listProblems);
            assertTrue(problemFor(listProblems, "/a/redirect/1").matches(".*redirect.*"), listProblems);
            assertTrue(problemFor(listProblems, "/a/loop.html").matches(".*(loop|redirect).*"), listProblems);
            assertTrue(problemFor(listProblems, "/a/drip.html").matches(".*(ms|timeout|time).*"), listProblems);
            for (String maybeReadable : List.of("/a/deep.html", "/a/binary.html", "/a/invalid-bytes.html")) {
                boolean named = listProblems.contains(base + maybeReadable + ": ");
                boolean stored = service.store().get(io.yuqing.core.model.DocumentIds.forUrl(base + maybeReadable)).isPresent();
                assertTrue(named || stored, maybeReadable + " is either stored or named in the problems:\n" + listProblems);
            }
            // The garbage robots.txt is read as "no rules": the good pages on that host were fetched (asserted above).
            for (String feed : List.of("garbage-feed", "binary-feed")) {
                CycleReport r = bySource.get(feed);
                assertEquals(0, r.newDocuments(), r.toString());
                assertTrue(!r.problems().isEmpty() && r.problems().stream().allMatch(p -> !p.isBlank()), feed + " says what is wrong: " + r);
            }
            // Nothing about the hostile pages alerted an enterprise it does not mention.
            // The 100,000-level page is read like any other (no stack overflow), so its enterprise is alerted too.
            assertTrue(alerts.stream().anyMatch(a -> a.url().equals(base + "/a/deep.html") && a.enterpriseName().equals(DEEP_NESTING_ENTERPRISE)),
                    "the deeply nested page was read: " + listProblems);
            assertTrue(alerts.stream().allMatch(a -> goodArticles.containsValue(a.enterpriseName())
                    || a.enterpriseName().equals(DEEP_NESTING_ENTERPRISE)), "no spurious alerts: " + alerts);

            // The next cycle repeats none of it: what was read or refused for good is not fetched again.
            List<CycleReport> again = service.crawlOnce();
            assertTrue(again.stream().allMatch(r -> r.newDocuments() == 0), "nothing new the second time: " + again);
        }
    }

    @Test
    void configFilesWithEveryKindOfMistakeAreRefusedWithAClearMessage() throws IOException {
        Map<String, String> mistakes = new LinkedHashMap<>();
        mistakes.put("crawler:\n  readTimout: 5s\n", "readTimout");
        mistakes.put("server:\n  port: eighty\n", "port");
        mistakes.put("server:\n  port: 99999999999999999999\n", "port");
        mistakes.put("crawler:\n  readTimeout: soon\n", "readTimeout");
        mistakes.put("crawler:\n  readTimeout: -5s\n", "readTimeout");
        mistakes.put("crawler:\n  maxRedirects: 99\n", "maxRedirects");
        mistakes.put("index:\n  backend: solr\n", "solr");
        mistakes.put("index:\n  backend: elasticsearch\n", "hosts");
        mistakes.put("sources:\n  - id: x\n    kind: rss\n", "url is missing");
        mistakes.put("sources:\n  - id: x\n    kind: telegram\n    url: http://example.cn/\n", "telegram");
        mistakes.put("sources:\n  - id: x\n    kind: rss\n    url: not a url\n", "url");
        mistakes.put("desks:\n  - id: d\n    name: 宣传部\n    recipients: [xc@example.gov.cn]\n    minLevel: purple\n", "purple");
        mistakes.put("watchlist:\n  enterprises:\n    - shortNames: [无名]\n", "name");
        mistakes.put("watchlist:\n  csv: /nonexistent/watchlist.csv\n", "no such file");
        mistakes.put("server:\n\tport: 8080\n", "YAML");
        mistakes.put("server: [1, 2\n", "YAML");
        mistakes.put("- just\n- a list\n", "mapping");
        mistakes.put("crawler:\n  readTimeout: 5s\n  readTimeout: 6s\n", "'readTimeout' is given twice");
        mistakes.put("scoring:\n  levels:\n    blue: 90\n    yellow: 10\n", "levels");
        List<String> unclear = new ArrayList<>();
        for (var m : mistakes.entrySet()) {
            String message;
            try {
                YuqingConfig loaded = new ConfigLoader().load(m.getKey(), "bad.yml");
                // Some mistakes only show when the setting is used: the watchlist file, for one.
                try (YuqingService ignored = YuqingService.open(loaded.withDataDir(dir.resolve("cfg-" + unclear.size() + "-" + m.getValue().hashCode())),
                        Clock.systemUTC(), ServiceRunner.newRegistry())) {
                    unclear.add("accepted: " + m.getKey().replace("\n", "⏎"));
                    continue;
                }
            } catch (ConfigException e) {
                message = e.getMessage();
            } catch (Exception e) {
                unclear.add("not a config message (" + e + "): " + m.getKey().replace("\n", "⏎"));
                continue;
            }
            System.out.println(m.getKey().replace("\n", "⏎") + "  →  " + message);
            if (!message.contains(m.getValue())) {
                unclear.add("message does not name " + m.getValue() + ": " + message);
            }
        }
        assertTrue(unclear.isEmpty(), String.join("\n", unclear));

        // Not UTF-8 at all, and no file there.
        Path gbk = dir.resolve("gbk.yml");
        Files.write(gbk, "server:\n  publicUrl: 青州\n".getBytes(java.nio.charset.Charset.forName("GBK")));
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigLoader().load(gbk)).getMessage().contains("UTF-8"));
        assertTrue(assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir.resolve("missing.yml")))
                .getMessage().contains("no such file"));
    }

    /** 50,000 generated enterprises (names from characters no article here uses) plus the ones the articles name. */
    private List<Enterprise> enormousWatchlist() {
        String alphabet = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
        List<Enterprise> all = new ArrayList<>(WATCHLIST_SIZE + 4);
        for (int i = 0; i < WATCHLIST_SIZE; i++) {
            StringBuilder name = new StringBuilder("青州");
            int n = i;
            for (int k = 0; k < 4; k++) {
                name.append(alphabet.charAt(n % alphabet.length()));
                n /= alphabet.length();
            }
            String full = name + "实业有限公司";
            all.add(new Enterprise("gen-" + i, full, List.of(name.substring(2) + "实业"), List.of(), "", "", ""));
        }
        for (String name : goodArticles.values()) {
            all.add(new Enterprise(null, name, List.of(), List.of(), "", "", ""));
        }
        all.add(new Enterprise(null, DEEP_NESTING_ENTERPRISE, List.of(), List.of(), "", "", ""));
        return all;
    }

    private static String problemFor(String problems, String path) {
        return problems.lines().filter(l -> l.contains(path + ": ")).findFirst().orElse("");
    }

    private static byte[] article(String title, String text) {
        return ("<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>" + text
                + "</p><p>相关部门表示将依法处理，并持续关注事件进展。</p></article></body></html>").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void redirect(HttpExchange exchange, String to) throws IOException {
        exchange.getResponseHeaders().set("Location", to);
        exchange.sendResponseHeaders(302, -1);
    }

    private static byte[] gzipOfZeros(long bytes) throws IOException {
        var buffer = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(buffer)) {
            byte[] zeros = new byte[1 << 20];
            for (long left = bytes; left > 0; left -= zeros.length) {
                gz.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
        return buffer.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
