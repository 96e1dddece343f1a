package io.yuqing.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.yuqing.alerting.outbox.DeadLetters;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutboxQueries;
import io.yuqing.alerting.outbox.OutgoingMail;
import io.yuqing.alerting.review.AuditLog;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An administrator sends failed (dead) outbox rows again from the console's outbox page and the API once the mail
 * server is back: each arrives once, in a real GreenMail; viewers and desk members cannot, a POST without its CSRF token
 * is refused, and pending or sent rows are never sent again this way.
 */
class OutboxResendConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void anAdministratorResendsDeadRowsOnceTheMailServerIsBackAndNobodyElseCan() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // nobody listens here until GreenMail starts: every mail fails, and dies at once
        }
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                smtp:
                  host: 127.0.0.1
                  port: %d
                  from: yuqing@example.gov.cn
                  timeout: 5s
                alerting:
                  maxAttempts: 1
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                watchlist:
                  enterprises:
                    - name: 青州恒达建设集团有限公司
                      shortNames: [恒达建设]
                """.formatted(dir.resolve("data"), port), "test.yml");
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (ServiceFixture app = ServiceFixture.on(config).admin().viewer()
                .user("desk", Role.DESK, "publicity", "desk password 1").start()) {
            YuqingService service = app.service();
            OutboxQueries outbox = new OutboxQueries(service.database().dataSource());
            app.accept("https://news.example.cn/a/1.html", "恒达建设工地拖欠农民工工资",
                    "青州恒达建设集团有限公司承建的滨江工地拖欠农民工工资，数十名工人聚集讨薪。");
            app.accept("https://news.example.cn/a/2.html", "恒达建设被列为失信被执行人",
                    "青州恒达建设集团有限公司因拒不履行法院判决，被列为失信被执行人，名下账户遭冻结。");
            app.accept("https://news.example.cn/a/3.html", "恒达建设工地发生安全事故",
                    "青州恒达建设集团有限公司在高新区的工地发生安全生产事故，造成两名工人受伤，已被责令停工整改。");
            service.deliverDueMail();
            // Three alerts in a quarter of an hour also escalate: four mails, every one failed for good.
            assertEquals(4, outbox.recent(10).stream().filter(OutboxQueries.OutboxEntry::dead).count(), outbox.recent(10).toString());
            List<OutboxQueries.OutboxEntry> dead = outbox.recent(10).stream()
                    .filter(e -> e.dead() && e.idempotencyKey().startsWith("alert:")).toList();
            assertEquals(3, dead.size(), "each alert's mail failed for good: " + outbox.recent(10));
            long first = dead.get(2).id(); // newest first
            long second = dead.get(1).id();
            String firstKey = dead.get(2).idempotencyKey();

            ConsoleClient admin = app.loggedIn("admin");
            ConsoleClient viewer = app.loggedIn("viewer");
            ConsoleClient desk = app.loggedIn("desk");
            String page = admin.get("/outbox").body();
            assertTrue(page.contains("action=\"/outbox/" + first + "/resend\"") && page.contains("重新发送")
                    && page.contains("action=\"/outbox/resend-dead\"") && page.contains("全部重新发送（4 条发送失败）"), page);
            assertFalse(viewer.get("/outbox").body().contains("/resend"), "a viewer sees no resend button");

            // Only administrators, only with the session's CSRF token.
            String adminCsrf = admin.csrf("/outbox");
            assertEquals(403, viewer.post("/outbox/" + first + "/resend", Map.of("csrf", viewer.csrf("/outbox"))).statusCode());
            assertEquals(403, viewer.post("/outbox/resend-dead", Map.of("csrf", viewer.csrf("/outbox"))).statusCode());
            assertEquals(403, desk.post("/outbox/" + first + "/resend", Map.of("csrf", desk.csrf("/alerts"))).statusCode());
            assertEquals(403, admin.post("/outbox/" + first + "/resend", Map.of()).statusCode(), "no CSRF token");
            assertEquals(403, admin.post("/outbox/" + first + "/resend", Map.of("csrf", viewer.csrf("/outbox"))).statusCode(),
                    "another session's token");
            assertEquals(403, admin.post("/api/outbox/" + first + "/resend", Map.of()).statusCode(), "the API from a session needs it too");
            String viewerToken = app.console().users().createToken("viewer", "test").orElseThrow();
            String adminToken = app.console().users().createToken("admin", "test").orElseThrow();
            assertEquals(403, api("POST", "/api/outbox/" + first + "/resend", viewerToken, app).statusCode());
            assertEquals(403, api("POST", "/api/outbox/resend-dead", viewerToken, app).statusCode());
            assertEquals(4, outbox.recent(10).stream().filter(OutboxQueries.OutboxEntry::dead).count(), "nothing was resent");
            assertTrue(new AuditLog(service.database().dataSource(), service.clock()).recentEvents(10).stream()
                    .noneMatch(a -> a.action().equals(DeadLetters.AUDIT_ACTION)));

            // The cause is fixed; the running service delivers what is resent.
            greenMail.start();
            service.startBackground();
            HttpResponse<String> resent = admin.post("/outbox/" + first + "/resend", Map.of("csrf", adminCsrf));
            assertEquals(303, resent.statusCode(), resent.body());
            assertEquals("/outbox?msg=resent", resent.headers().firstValue("Location").orElseThrow());
            Await.until("the resent mail", Duration.ofSeconds(20), () -> resentMails(greenMail).size() == 1);
            assertEquals(1, resentMails(greenMail).size());
            assertEquals(firstKey, resentMails(greenMail).getFirst()
                    .replaceFirst("^<alert\\.(\\d+)\\.desk\\.publicity\\..*", "alert:$1:desk:publicity"),
                    "the Message-ID still names the row's idempotency key");
            Await.until("the row marked sent", Duration.ofSeconds(20), () -> outbox.get(first).orElseThrow().status().equals("sent"));
            OutboxQueries.OutboxEntry sent = outbox.get(first).orElseThrow();
            assertEquals("admin", sent.resentBy());
            String after = admin.get("/outbox?msg=resent").body();
            assertTrue(after.contains("已重新发送，稍后即可在列表中看到结果。") && after.contains("admin 于 "), after);
            assertFalse(after.contains("action=\"/outbox/" + first + "/resend\""), "a sent row has no resend button");

            // A sent row is refused, on the page and in the API.
            HttpResponse<String> again = admin.post("/outbox/" + first + "/resend", Map.of("csrf", adminCsrf));
            assertEquals(409, again.statusCode());
            assertTrue(again.body().contains("只有发送失败的消息可以重新发送；这条消息目前是「已发送」"), again.body());
            admin.setCookie("lang", "en");
            assertTrue(admin.post("/outbox/" + first + "/resend", Map.of("csrf", adminCsrf)).body()
                    .contains("Only failed deliveries can be sent again; this one is &quot;Sent&quot;"));
            admin.setCookie("lang", "zh");
            HttpResponse<String> apiAgain = api("POST", "/api/outbox/" + first + "/resend", adminToken, app);
            assertEquals(409, apiAgain.statusCode());
            assertEquals("invalid_transition", JSON.readTree(apiAgain.body()).get("error").asText());
            assertEquals(404, api("POST", "/api/outbox/999999/resend", adminToken, app).statusCode());
            assertEquals(404, admin.post("/outbox/999999/resend", Map.of("csrf", adminCsrf)).statusCode());

            // A pending row (due in a day) is refused too and keeps its time.
            long pending;
            try (var c = service.database().dataSource().getConnection()) {
                pending = Outbox.enqueue(c, new OutgoingMail("digest:publicity:test", List.of("xc@example.gov.cn"), "简报",
                        "<p>简报</p>", "简报"), Instant.now(), Instant.now().plus(Duration.ofDays(1)));
            }
            OutboxQueries.OutboxEntry pendingBefore = outbox.get(pending).orElseThrow();
            HttpResponse<String> apiPending = api("POST", "/api/outbox/" + pending + "/resend", adminToken, app);
            assertEquals(409, apiPending.statusCode());
            assertTrue(JSON.readTree(apiPending.body()).get("message").asText().contains("is pending"), apiPending.body());
            assertEquals(409, admin.post("/outbox/" + pending + "/resend", Map.of("csrf", adminCsrf)).statusCode());
            assertEquals(pendingBefore, outbox.get(pending).orElseThrow());

            // The API resends one row and answers with it.
            HttpResponse<String> apiResend = api("POST", "/api/outbox/" + second + "/resend", adminToken, app);
            assertEquals(200, apiResend.statusCode(), apiResend.body());
            JsonNode row = JSON.readTree(apiResend.body());
            assertEquals(second, row.get("id").asLong());
            assertEquals("admin", row.get("resentBy").asText());
            Await.until("the mail resent through the API", Duration.ofSeconds(20), () -> resentMails(greenMail).size() == 2);

            // "Resend all dead": the third alert's mail and the escalation's.
            HttpResponse<String> all = admin.post("/outbox/resend-dead", Map.of("csrf", adminCsrf));
            assertEquals(303, all.statusCode(), all.body());
            assertEquals("/outbox?msg=resent-all&count=2", all.headers().firstValue("Location").orElseThrow());
            Await.until("the last dead mails", Duration.ofSeconds(20), () -> resentMails(greenMail).size() == 4);
            Await.until("every row sent", Duration.ofSeconds(20), () -> outbox.recent(10).stream()
                    .filter(e -> e.idempotencyKey().matches("(alert|escalation):.*")).allMatch(e -> e.status().equals("sent")));
            assertTrue(admin.get("/outbox?msg=resent-all&count=2").body().contains("已重新发送 2 条发送失败的消息。"));
            assertEquals(0, JSON.readTree(api("POST", "/api/outbox/resend-dead", adminToken, app).body()).get("resent").asInt());

            // Each resend was audited by name; nothing arrived twice.
            assertEquals(3, new AuditLog(service.database().dataSource(), service.clock()).recentEvents(20).stream()
                    .filter(a -> a.action().equals(DeadLetters.AUDIT_ACTION) && a.actor().equals("admin")).count());
            service.deliverDueMail();
            assertEquals(4, resentMails(greenMail).size());
            assertEquals(4, resentMails(greenMail).stream().distinct().count());
        } finally {
            greenMail.stop();
        }
    }

    /**
     * The Message-IDs of the alert and escalation mails received, in order. The running service may also send the
     * daily digest (enqueued a few seconds after start when the test runs after 08:00 in the city): not resent, not counted.
     */
    private static List<String> resentMails(GreenMail greenMail) {
        List<String> ids = new java.util.ArrayList<>();
        for (jakarta.mail.internet.MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                if (m.getMessageID().matches("<(alert|escalation)\\..*")) {
                    ids.add(m.getMessageID());
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }

    private HttpResponse<String> api(String method, String path, String token, ServiceFixture app) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.base() + path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
