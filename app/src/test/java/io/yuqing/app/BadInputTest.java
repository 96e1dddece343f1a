package io.yuqing.app;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.crawler.CycleReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input through the whole service: malformed HTML, a GBK page without a charset header, a 404 and a timeout from
 * the source, and a config with a typo. Each gives a clear message or a logged failure, and the cycle continues.
 */
class BadInputTest {
    @TempDir
    Path dir;
    private LoopbackSite site;
    private String base;

    @BeforeEach
    void startSite() {
        site = LoopbackSite.start(exchange -> switch (exchange.getRequestURI().getPath()) {
            case "/list.html" -> LoopbackSite.Reply.html("""
                    <html><body><ul>
                    <li><a href="/a/malformed.html">一</a></li><li><a href="/a/gbk.html">二</a></li>
                    <li><a href="/a/missing.html">三</a></li><li><a href="/a/slow.html">四</a></li>
                    </ul></body></html>""");
            case "/a/malformed.html" -> LoopbackSite.Reply.html("<html><head><title>青州云帆科技有限公司被曝拖欠员工工资<body><div><p>"
                    + "近日，多名员工反映青州云帆科技有限公司拖欠工资长达三个月，员工多次讨薪未果<div><p><b>劳动监察部门已介入调查</i>"
                    + "<table><tr><td>未闭合</p></span></html>");
            // Real Chinese sites still serve GBK with a bare text/html and no meta charset.
            case "/a/gbk.html" -> new LoopbackSite.Reply(200, "text/html", ("<html><head><title>青州鑫源食品有限公司产品抽检不合格</title></head><body><article>"
                    + "<h1>青州鑫源食品有限公司产品抽检不合格</h1><p>市场监管部门公布的食品安全抽检结果显示，青州鑫源食品有限公司生产的一批次速冻水饺"
                    + "菌落总数超标，被判定为不合格产品，相关产品已下架召回。</p><p>监管部门已对该公司立案调查，并责令其限期整改。</p>"
                    + "</article></body></html>").getBytes(Charset.forName("GBK")));
            case "/a/slow.html" -> {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield LoopbackSite.Reply.html("<html><body>too late</body></html>");
            }
            case "/robots.txt" -> LoopbackSite.Reply.of(200, "text/plain", "User-agent: *\nAllow: /\n");
            default -> LoopbackSite.Reply.of(404, "text/html; charset=utf-8", "<html><body>404</body></html>");
        });
        base = site.base();
    }

    @AfterEach
    void stopSite() {
        site.close();
    }

    @Test
    void malformedGbk404AndTimeoutInOneCycle() throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                crawler:
                  readTimeout: 1s
                  politenessDelay: 0ms
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                watchlist:
                  enterprises:
                    - name: 青州云帆科技有限公司
                      shortNames: [云帆科技]
                    - name: 青州鑫源食品有限公司
                      shortNames: [鑫源食品]
                sources:
                  - id: test-list
                    kind: html-list
                    url: %s/list.html
                    allowPrivateNetwork: true
                """.formatted(dir.resolve("data"), base), "test.yml");
        try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), ServiceRunner.newRegistry())) {
            CycleReport report = service.crawlOnce().getFirst();
            assertEquals(4, report.linksFound(), report.toString());
            assertEquals(2, report.newDocuments(), report.toString());
            assertEquals(2, report.failures(), report.toString());
            String problems = String.join("\n", report.problems());
            assertTrue(problems.contains("missing.html") && problems.contains("slow.html"), problems);

            List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 10);
            assertEquals(2, alerts.size(), alerts.toString());
            assertTrue(alerts.stream().anyMatch(a -> a.enterpriseName().equals("青州鑫源食品有限公司")
                    && a.title().equals("青州鑫源食品有限公司产品抽检不合格")), "GBK page decoded: " + alerts);
            assertTrue(alerts.stream().anyMatch(a -> a.enterpriseName().equals("青州云帆科技有限公司")), "malformed page extracted");
        }
    }

    @Test
    void configWithATypoFailsAtStartWithFileLineAndHint() throws IOException {
        Path file = dir.resolve("yuqing.yml");
        Files.writeString(file, "server:\n  port: 9999\ncrawler:\n  readTimout: 5s\n", StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"serve", "--config", file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertTrue(message.contains(file + ":4:3: crawler.readTimout: unknown setting"), message);
        assertTrue(message.contains("did you mean readTimeout?"), message);
    }
}
