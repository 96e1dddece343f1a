package io.yuqing.app;

import io.yuqing.core.text.Html;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.app.demo.DemoArticle;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.crawler.CycleReport;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline on the demo news site served on loopback: one crawl cycle, alerts for the risky articles and none
 * for the harmless ones, mail received by a real SMTP server, the console listing them, /metrics counting them, and a
 * restart on the same data directory that alerts and mails nothing twice.
 */
class EndToEndTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path data;

    @Test
    void demoSiteToAlertsMailConsoleMetricsAndRestart() throws Exception {
        Clock clock = Clock.systemUTC();
        try (DemoSite site = DemoSite.start(clock)) {
            List<DemoArticle> risky = site.articles().stream().filter(DemoArticle::expectRisky).toList();
            List<DemoArticle> harmless = site.articles().stream().filter(a -> !a.expectRisky()).toList();

            int mailsAfterFirstRun;
            long documentsAfterFirstRun;
            List<Alert> alerts;
            YuqingConfig config;
            try (ServiceFixture app = ServiceFixture.onDemoSite(site, data).clock(clock).mailTo(SMTP).console().start()) {
                config = app.config();
                YuqingService service = app.service();
                ConsoleServer console = app.console();
                List<CycleReport> reports = service.crawlOnce();
                int newDocs = reports.stream().mapToInt(CycleReport::newDocuments).sum();
                assertEquals(site.articles().size(), newDocs, "every demo article is crawled once: " + reports);
                documentsAfterFirstRun = service.store().count();
                assertEquals(site.articles().size(), documentsAfterFirstRun);

                alerts = service.alerts().list(AlertFilter.all(), 0, 1000);
                Set<String> alertedUrls = alerts.stream().map(Alert::url).collect(Collectors.toSet());
                for (DemoArticle a : risky) {
                    assertTrue(alerts.stream().anyMatch(al -> al.url().equals(a.url()) && al.enterpriseName().equals(a.expectEnterprise())),
                            "risky article alerted for " + a.expectEnterprise() + ": " + a.title());
                }
                for (DemoArticle a : harmless) {
                    assertFalse(alertedUrls.contains(a.url()), "harmless article must not alert: " + a.title() + " "
                            + alerts.stream().filter(al -> al.url().equals(a.url())).map(Alert::evidence).toList());
                }

                // Mail: one per alert and routed desk, delivered to the real SMTP server.
                int expectedMails = alerts.stream().mapToInt(al -> al.deskIds().size()).sum();
                assertTrue(SMTP.waitForIncomingEmail(10_000, expectedMails));
                MimeMessage[] received = SMTP.getReceivedMessages();
                mailsAfterFirstRun = received.length;
                assertEquals(expectedMails, mailsAfterFirstRun);
                assertTrue(received[0].getSubject().contains("预警"), received[0].getSubject());

                // Console lists the alerts, escaping crawled text; only after logging in.
                String base = app.base();
                assertEquals(302, TestHttp.get(base + "/alerts").statusCode(), "anonymous users are sent to the login page");
                console.users().add("zhangsan", Role.ADMIN, null, "correct horse battery", List.of(), "test");
                ConsoleClient browser = new ConsoleClient(base);
                assertEquals(303, browser.login("zhangsan", "correct horse battery").statusCode());
                HttpResponse<String> page = browser.get("/alerts");
                assertEquals(200, page.statusCode());
                assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
                for (DemoArticle a : risky) {
                    assertTrue(page.body().contains(io.yuqing.core.text.Html.escape(a.title())), "console lists " + a.title());
                }
                assertFalse(page.body().contains("<script>"), "no crawled script reaches the console");

                // Review: acknowledge with the session's CSRF token works and is logged under the user; without it, refused.
                Alert first = alerts.getFirst();
                HttpResponse<String> refused = browser.post("/alerts/" + first.id() + "/acknowledge", Map.of("note", "x"));
                assertEquals(403, refused.statusCode());
                String csrf = browser.csrf("/alerts/" + first.id());
                HttpResponse<String> ack = browser.post("/alerts/" + first.id() + "/acknowledge", Map.of("csrf", csrf, "note", "核实中"));
                assertEquals(303, ack.statusCode());
                assertEquals(AlertStatus.ACKNOWLEDGED, service.alerts().get(first.id()).orElseThrow().status());
                String detail = browser.get("/alerts/" + first.id()).body();
                assertTrue(detail.contains("zhangsan") && detail.contains("核实中"), "the action is in the case timeline");
                HttpResponse<String> again = browser.post("/alerts/" + first.id() + "/acknowledge", Map.of("csrf", csrf));
                assertEquals(303, again.statusCode());
                assertTrue(again.headers().firstValue("Location").orElse("").endsWith("msg=invalid"));

                // JSON API (with the session) and the open monitoring endpoints.
                String api = browser.get("/api/alerts?limit=500").body();
                assertTrue(api.contains("\"total\":" + alerts.size()), api.substring(0, Math.min(200, api.length())));
                String metrics = TestHttp.get(base + "/metrics").body();
                for (String name : List.of("yuqing_documents_fetched_total", "yuqing_documents_indexed_total",
                        "yuqing_alerts_raised_total", "yuqing_pipeline_latency_seconds_count", "yuqing_mail_sent_total")) {
                    assertTrue(metrics.contains(name), "metrics export " + name);
                }
                assertTrue(TestHttp.get(base + "/health/ready").body().contains("\"status\":\"up\""));
            }

            // Restart on the same data directory: nothing is crawled, alerted or mailed twice.
            try (YuqingService service = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
                List<CycleReport> reports = service.crawlOnce();
                assertEquals(0, reports.stream().mapToInt(CycleReport::newDocuments).sum());
                assertEquals(documentsAfterFirstRun, service.store().count());
                assertEquals(alerts.size(), service.alerts().count(AlertFilter.all()));
                assertEquals(AlertStatus.ACKNOWLEDGED, service.alerts().get(alerts.getFirst().id()).orElseThrow().status());
                // A crash between alerting and marking the URL seen offers a document again: it must not re-alert.
                var stored = service.store().get(alerts.get(1).documentId()).orElseThrow();
                service.pipeline().accept(stored.document());
                service.deliverDueMail();
                assertEquals(alerts.size(), service.alerts().count(AlertFilter.all()));
            }
            assertEquals(mailsAfterFirstRun, SMTP.getReceivedMessages().length);
        }
    }
}
