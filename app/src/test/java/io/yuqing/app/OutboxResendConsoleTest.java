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

    /** A loopback port nobody listens on until the test starts GreenMail there: until then every mail fails. */
    private static int portNobodyListensOn() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One desk mailed through 127.0.0.1:{@code port}, each mail given up after its first failure, plus {@code more}. */
    private YuqingConfig mailingTo(int port, String more) throws io.yuqing.core.config.ConfigException {
        return new ConfigLoader().load("""
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
                """.formatted(dir.resolve("data"), port) + more, "test.yml");
    }

    @Test
    void anAdministratorResendsDeadRowsOnceTheMailServerIsBackAndNobodyElseCan() throws Exception {
        int port = portNobodyListensOn();
        YuqingConfig config = mailingTo(port, """
                watchlist:
                  enterprises:
                    - name: 青州恒达建设集团有限公司
                      shortNames: [恒达建设]
                """);
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
     * An old dead letter behind more than a page of newer rows: the status filter and the older page both reach it, it
     * is resent from there (and the page comes back to the same place), and the API pages the same way; values the page
     * or the API does not understand answer 400 with a message, in the reader's language on the page.
     */
    @Test
    void anOldDeadLetterBehindAPageOfNewerRowsIsFoundByFilterOrPageAndResentFromThere() throws Exception {
        int port = portNobodyListensOn();
        YuqingConfig config = mailingTo(port, "");
        Instant start = Instant.parse("2026-11-20T02:00:00Z");
        var clock = new io.yuqing.core.time.AdjustableClock(start);
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (ServiceFixture app = ServiceFixture.on(config).clock(clock).admin().viewer().start()) {
            YuqingService service = app.service();
            OutboxQueries outbox = new OutboxQueries(service.database().dataSource());
            long old;
            List<Long> sent = new java.util.ArrayList<>();
            try (var c = service.database().dataSource().getConnection()) {
                old = Outbox.enqueue(c, mail("digest:publicity:old", "旧的简报"), start.minus(Duration.ofDays(1)));
                service.deliverDueMail(); // no mail server: dead after its one attempt
                assertTrue(outbox.get(old).orElseThrow().dead());
                greenMail.start();
                for (int i = 0; i < 3; i++) {
                    sent.add(Outbox.enqueue(c, mail("digest:publicity:sent" + i, "已发送的简报" + i),
                            start.minus(Duration.ofHours(23)).plusSeconds(i)));
                }
                service.deliverDueMail();
                // 110 newer rows waiting (due in a year): the dead one is the 114th, beyond the first page of 100.
                for (int i = 0; i < 110; i++) {
                    Instant created = start.minus(Duration.ofHours(22)).plus(Duration.ofMinutes(i));
                    Outbox.enqueue(c, mail("digest:publicity:waiting" + i, "待发送的简报" + i), created, start.plus(Duration.ofDays(365)));
                }
            }
            for (long id : sent) {
                assertEquals("sent", outbox.get(id).orElseThrow().status());
            }
            ConsoleClient admin = app.loggedIn("admin");
            ConsoleClient viewer = app.loggedIn("viewer");

            // The first page: the newest 100, counts per state as filter links, a link to the older rows.
            String first = admin.get("/outbox").body();
            assertEquals(100, cards(first).size(), first);
            assertFalse(cards(first).contains(old), "the dead letter is beyond the first page");
            assertTrue(first.contains("<a href=\"/outbox\" class=\"on\">全部<b>114</b></a>")
                    && first.contains("<a href=\"/outbox?status=pending\">待发送<b>110</b></a>")
                    && first.contains("<a href=\"/outbox?status=sent\">已发送<b>3</b></a>")
                    && first.contains("<a href=\"/outbox?status=dead\">发送失败<b>1</b></a>"), first);
            long lastOnFirst = cards(first).getLast();
            assertTrue(first.contains("<a href=\"/outbox?before=" + lastOnFirst + "\" id=\"outbox-older\">更早的消息</a>"), first);

            // Page 2: the remaining 14, the dead letter among them with its button; no further page.
            String second = admin.get("/outbox?before=" + lastOnFirst).body();
            assertEquals(14, cards(second).size(), second);
            assertTrue(java.util.Collections.disjoint(cards(first), cards(second)), "no row on both pages");
            assertTrue(cards(second).contains(old) && second.contains("action=\"/outbox/" + old + "/resend\""), second);
            assertFalse(second.contains("outbox-older"), "the last page");
            assertTrue(second.contains("<a href=\"/outbox\" id=\"outbox-newest\">回到最新</a>"), second);
            assertFalse(viewer.get("/outbox?before=" + lastOnFirst).body().contains("/resend"), "a viewer pages without buttons");

            // The filter: the dead letter alone; sent rows alone.
            String deadOnly = admin.get("/outbox?status=dead").body();
            assertEquals(List.of(old), cards(deadOnly));
            assertTrue(deadOnly.contains("<a href=\"/outbox?status=dead\" class=\"on\">发送失败<b>1</b></a>"), deadOnly);
            assertEquals(sent.reversed(), cards(admin.get("/outbox?status=sent").body()));
            assertEquals(100, cards(admin.get("/outbox?status=pending").body()).size());

            // The API pages and filters the same way.
            String adminToken = app.console().users().createToken("admin", "test").orElseThrow();
            JsonNode apiFirst = JSON.readTree(api("GET", "/api/outbox", adminToken, app).body());
            assertEquals(100, apiFirst.get("items").size());
            assertEquals(lastOnFirst, apiFirst.get("nextBefore").asLong());
            assertEquals(1, apiFirst.get("counts").get("dead").asLong());
            assertEquals(110, apiFirst.get("counts").get("pending").asLong());
            JsonNode apiSecond = JSON.readTree(api("GET", "/api/outbox?before=" + lastOnFirst, adminToken, app).body());
            assertEquals(14, apiSecond.get("items").size());
            assertTrue(apiSecond.get("nextBefore").isNull(), apiSecond.toString());
            assertEquals(old, apiSecond.get("items").get(13).get("id").asLong(), "the oldest row last");
            JsonNode apiDead = JSON.readTree(api("GET", "/api/outbox?status=dead", adminToken, app).body());
            assertEquals(1, apiDead.get("items").size());
            assertEquals(old, apiDead.get("items").get(0).get("id").asLong());
            java.util.Set<Long> pending = new java.util.LinkedHashSet<>();
            String next = "";
            int pages = 0;
            do {
                JsonNode page = JSON.readTree(api("GET", "/api/outbox?status=pending&limit=40" + next, adminToken, app).body());
                page.get("items").forEach(r -> {
                    assertEquals("pending", r.get("status").asText());
                    assertTrue(pending.add(r.get("id").asLong()), "each row once: " + r);
                });
                next = page.get("nextBefore").isNull() ? null : "&before=" + page.get("nextBefore").asLong();
                pages++;
            } while (next != null);
            assertEquals(110, pending.size());
            assertEquals(3, pages);

            // Values not understood: 400 with a message, never a stack trace; the page in the reader's language.
            for (String bad : List.of("status=failed", "before=abc", "before=-3", "before=999999", "limit=0", "limit=501", "limit=ten")) {
                HttpResponse<String> r = api("GET", "/api/outbox?" + bad, adminToken, app);
                assertEquals(400, r.statusCode(), bad + ": " + r.body());
                assertEquals("bad_request", JSON.readTree(r.body()).get("error").asText(), r.body());
                assertFalse(r.body().contains("Exception"), r.body());
            }
            assertTrue(JSON.readTree(api("GET", "/api/outbox?status=failed", adminToken, app).body()).get("message").asText()
                    .contains("Status \"failed\" is not understood: use pending, sent or dead"));
            HttpResponse<String> badPage = admin.get("/outbox?status=failed");
            assertEquals(400, badPage.statusCode());
            assertTrue(badPage.body().contains("无法识别的状态「failed」"), badPage.body());
            assertEquals(400, admin.get("/outbox?before=abc").statusCode());
            HttpResponse<String> gone = admin.get("/outbox?before=999999");
            assertEquals(400, gone.statusCode());
            assertTrue(gone.body().contains("发件箱中没有编号为 999999 的消息"), gone.body());
            admin.setCookie("lang", "en");
            assertTrue(admin.get("/outbox?status=%3Cb%3E").body().contains("Status &quot;&lt;b&gt;&quot; is not understood"),
                    "in English, and what was typed is escaped");
            admin.setCookie("lang", "zh");

            // Resent from page 2, which the redirect comes back to; it goes out once.
            String csrf = admin.csrf("/outbox");
            HttpResponse<String> resent = admin.post("/outbox/" + old + "/resend", Map.of("csrf", csrf, "before", String.valueOf(lastOnFirst)));
            assertEquals(303, resent.statusCode(), resent.body());
            assertEquals("/outbox?msg=resent&before=" + lastOnFirst, resent.headers().firstValue("Location").orElseThrow());
            service.deliverDueMail();
            assertEquals("sent", outbox.get(old).orElseThrow().status());
            assertEquals(1, java.util.Arrays.stream(greenMail.getReceivedMessages())
                    .filter(m -> subject(m).equals("旧的简报")).count());
            String afterResend = admin.get("/outbox?status=dead").body();
            assertTrue(cards(afterResend).isEmpty() && afterResend.contains("没有符合条件的消息。"), afterResend);
            HttpResponse<String> fromFilter = admin.post("/outbox/resend-dead", Map.of("csrf", csrf, "status", "dead"));
            assertEquals("/outbox?msg=resent-all&count=0&status=dead", fromFilter.headers().firstValue("Location").orElseThrow());
        } finally {
            greenMail.stop();
        }
    }

    private static OutgoingMail mail(String key, String subject) {
        return new OutgoingMail(key, List.of("xc@example.gov.cn"), subject, "<p>" + subject + "</p>", subject);
    }

    private static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox rows a page lists, in its order. */
    private static List<Long> cards(String page) {
        return java.util.regex.Pattern.compile("data-outbox=\"(\\d+)\"").matcher(page).results()
                .map(r -> Long.parseLong(r.group(1))).toList();
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
