package io.yuqing.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertService;
import io.yuqing.alerting.Docs;
import io.yuqing.alerting.OutboxRows;
import io.yuqing.alerting.TestDatabase;
import io.yuqing.alerting.outbox.DispatchReport;
import io.yuqing.alerting.outbox.OutboxDispatcher;
import io.yuqing.alerting.outbox.SmtpMailSender;
import io.yuqing.alerting.silence.SilenceMatchers;
import io.yuqing.alerting.silence.SilenceService;
import io.yuqing.core.config.AlertingConfig;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.QuietHoursConfig;
import io.yuqing.core.config.SmtpConfig;
import io.yuqing.core.config.WebhookConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks as delivery channels through the durable outbox, against real loopback robots, on H2 and PostgreSQL:
 * exactly-once delivery, DingTalk signing with the secret from the config, retry after 503 with backoff, dead after
 * 400, restarts, and the same silences, quiet hours and inhibition as mail.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class WebhookOutboxTest {
    @Parameter
    TestDatabases.Kind kind;
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DING_TOKEN = "dingtoken-7f3a";
    private static final String DING_SECRET = "SEC0123456789abcdef";
    private static final String WECOM_KEY = "wecomkey-91c2";
    private static final AlertingConfig ALERTING = new AlertingConfig(Duration.ofSeconds(30), 3);

    Database db;
    AdjustableClock clock;
    SimpleMeterRegistry meters;
    /** The secret the DingTalk robot currently expects; the config may rotate it. */
    volatile String expectedSecret = DING_SECRET;
    RobotServer dingtalk;
    RobotServer wecom;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(kind);
        clock = new AdjustableClock(Docs.T0);
        meters = new SimpleMeterRegistry();
        dingtalk = new RobotServer(this::answerDingTalk);
        wecom = new RobotServer(r -> new RobotServer.Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"));
    }

    @AfterEach
    void tearDown() {
        dingtalk.close();
        wecom.close();
        db.close();
    }

    /** Answers like DingTalk: errcode 310000 unless timestamp and sign match the robot's secret. */
    private RobotServer.Reply answerDingTalk(RobotServer.Received r) {
        Map<String, String> query = query(r.uri().getRawQuery());
        boolean tokenOk = DING_TOKEN.equals(query.get("access_token"));
        String timestamp = query.get("timestamp");
        boolean signOk = timestamp != null && expectedSign(Long.parseLong(timestamp), expectedSecret)
                .equals(query.get("sign"));
        return tokenOk && signOk ? new RobotServer.Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")
                : new RobotServer.Reply(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
    }

    /** Written from DingTalk's documentation, independently of the sender's code. */
    private static String expectedSign(long timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private WebhookConfig dingtalkHook(String secret) {
        return new WebhookConfig(WebhookConfig.Kind.DINGTALK,
                dingtalk.uri("/robot/send?access_token=" + DING_TOKEN).toString(), secret);
    }

    private WebhookConfig wecomHook(RobotServer server) {
        return new WebhookConfig(WebhookConfig.Kind.WECOM,
                server.uri("/cgi-bin/webhook/send?key=" + WECOM_KEY).toString(), "");
    }

    private static DeskConfig desk(List<String> recipients, List<WebhookConfig> webhooks) {
        return new DeskConfig("publicity", "宣传部", recipients, List.of(), RiskLevel.BLUE, webhooks);
    }

    private OutboxDispatcher dispatcher(List<DeskConfig> desks) {
        return new OutboxDispatcher(db.dataSource(), mailSender(), new ConfiguredWebhooks(desks, clock,
                Duration.ofSeconds(5)), ALERTING, clock, meters);
    }

    private SmtpMailSender mailSender() {
        return new SmtpMailSender(new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(), "yuqing@example.gov.cn",
                "", "", SmtpConfig.Security.NONE, Duration.ofSeconds(5)), clock);
    }

    private Alert raiseOne(AlertService service, String url) {
        List<Alert> alerts = service.process(Docs.scored(url, "云帆科技[拖欠](http://evil.example/)工资", 60,
                RiskLevel.YELLOW, List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID)));
        assertEquals(1, alerts.size());
        return alerts.getFirst();
    }

    private double webhookCount(String kind, String outcome) {
        return meters.get("yuqing.webhook.sent").tag("kind", kind).tag("outcome", outcome).counter().count();
    }

    @Test
    void alertReachesDingTalkSignedAndWeComExactlyOnceEvenAcrossRestarts() throws Exception {
        DeskConfig publicity = desk(List.of("xc@example.gov.cn"), List.of(dingtalkHook(DING_SECRET), wecomHook(wecom)));
        AlertService service = new AlertService(db.dataSource(), List.of(publicity), "https://yq.example.gov.cn/",
                clock, meters);
        Alert alert = raiseOne(service, "https://n.cn/w1");
        String deskKey = "alert:" + alert.id() + ":desk:publicity";
        assertEquals(List.of(deskKey, deskKey + ":webhook:0", deskKey + ":webhook:1"), OutboxRows.keys(db));
        // The console and API tell a mail from a robot post by the channel, not by guessing from the recipient.
        var channels = new io.yuqing.alerting.outbox.OutboxQueries(db.dataSource()).recent(10).stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.idempotencyKey(), e -> e.channel()));
        assertEquals(new io.yuqing.alerting.outbox.OutboxQueries.Mail(), channels.get(deskKey));
        assertEquals(new io.yuqing.alerting.outbox.OutboxQueries.Webhook(WebhookConfig.Kind.DINGTALK, "publicity", 0),
                channels.get(deskKey + ":webhook:0"));
        assertEquals(new io.yuqing.alerting.outbox.OutboxQueries.Webhook(WebhookConfig.Kind.WECOM, "publicity", 1),
                channels.get(deskKey + ":webhook:1"));
        for (String column : allStoredText()) {
            assertFalse(column.contains(DING_TOKEN) || column.contains(DING_SECRET) || column.contains(WECOM_KEY),
                    "robot tokens and secrets stay in the config, not in the outbox: " + column);
        }

        // A mail-only dispatcher (the app's current wiring) sends the mail and leaves webhook rows untouched.
        DispatchReport mailOnly = new OutboxDispatcher(db.dataSource(), mailSender(), ALERTING, clock, meters)
                .dispatchDue();
        assertEquals(new DispatchReport(1, 0, 0), mailOnly);
        assertEquals(0, dingtalk.received.size() + wecom.received.size());
        assertEquals(List.of(0, 0), attemptsOf(deskKey + ":webhook:0", deskKey + ":webhook:1"));

        DispatchReport report = dispatcher(List.of(publicity)).dispatchDue();

        assertEquals(new DispatchReport(2, 0, 0), report);
        assertEquals(1, dingtalk.received.size());
        assertEquals(1, wecom.received.size());
        RobotServer.Received ding = dingtalk.received.getFirst();
        assertEquals(Long.toString(clock.millis()), query(ding.uri().getRawQuery()).get("timestamp"));
        JsonNode dingBody = JSON.readTree(ding.body());
        assertEquals("markdown", dingBody.path("msgtype").asText());
        assertEquals("【黄色预警】" + Docs.YUNFAN, dingBody.path("markdown").path("title").asText());
        String wecomText = JSON.readTree(wecom.received.getFirst().body()).path("markdown").path("content").asText();
        assertTrue(wecomText.contains(Docs.YUNFAN), wecomText);
        assertTrue(wecomText.contains("云帆科技［拖欠］（http://evil.example/）工资"), "crawled markdown is inert: " + wecomText);
        assertTrue(wecomText.contains("https://yq.example.gov.cn/alerts/" + alert.id())
                || wecomText.contains("/alerts/" + alert.id()), wecomText);
        assertEquals(List.of("sent", "sent", "sent"), statusesOf(deskKey, deskKey + ":webhook:0",
                deskKey + ":webhook:1"));
        assertEquals(1.0, webhookCount("dingtalk", "sent"));
        assertEquals(1.0, webhookCount("wecom", "sent"));
        assertEquals(0.0, webhookCount("json", "sent"));
        assertEquals(1.0, meters.get("yuqing.mail.sent").tag("outcome", "sent").counter().count(),
                "yuqing.mail.sent counts mail only");

        assertEquals(0, dispatcher(List.of(publicity)).dispatchDue().attempted(), "restart: nothing left");
        clock.advance(Duration.ofDays(1));
        assertEquals(0, dispatcher(List.of(publicity)).dispatchDue().attempted());
        assertEquals(1, dingtalk.received.size());
        assertEquals(1, wecom.received.size());
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals(List.of(), service.process(Docs.scored("https://n.cn/w1", "同一篇", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))), "a re-crawl raises nothing");
        assertEquals(3, OutboxRows.keys(db).size());
    }

    @Test
    void a503IsRetriedAfterTheBackoffAndDeliveredOnceByARestartedDispatcher() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> successes = new ArrayList<>();
        try (RobotServer flaky = new RobotServer(r -> {
            if (calls.incrementAndGet() == 1) {
                return new RobotServer.Reply(503, "busy");
            }
            successes.add(calls.get());
            return new RobotServer.Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        })) {
            DeskConfig publicity = desk(List.of(), List.of(wecomHook(flaky)));
            AlertService service = new AlertService(db.dataSource(), List.of(publicity), "https://yq.example.gov.cn/",
                    clock, meters);
            Alert alert = raiseOne(service, "https://n.cn/r1");
            String key = "alert:" + alert.id() + ":desk:publicity:webhook:0";
            assertEquals(List.of(key), OutboxRows.keys(db), "no recipients: webhook only");

            assertEquals(new DispatchReport(0, 1, 0), dispatcher(List.of(publicity)).dispatchDue());
            assertEquals(List.of("pending"), statusesOf(key));
            assertTrue(lastErrorOf(key).contains("HTTP 503"), lastErrorOf(key));
            clock.advance(Duration.ofSeconds(29));
            assertEquals(0, dispatcher(List.of(publicity)).dispatchDue().attempted(), "backoff not over");
            assertEquals(1, calls.get());

            clock.advance(Duration.ofSeconds(1));
            OutboxDispatcher restarted = dispatcher(List.of(publicity));
            assertEquals(new DispatchReport(1, 0, 0), restarted.dispatchDue());
            assertEquals(0, restarted.dispatchDue().attempted());
            clock.advance(Duration.ofHours(1));
            assertEquals(0, dispatcher(List.of(publicity)).dispatchDue().attempted());

            assertEquals(2, calls.get());
            assertEquals(List.of(2), successes, "exactly one successful delivery");
            assertEquals(List.of("sent"), statusesOf(key));
            assertEquals(List.of(2), attemptsOf(key));
            assertEquals(1.0, webhookCount("wecom", "retry"));
            assertEquals(1.0, webhookCount("wecom", "sent"));
        }
    }

    @Test
    void a400IsDeadAfterOneAttempt() throws Exception {
        try (RobotServer refusing = new RobotServer(r -> new RobotServer.Reply(400, "{\"error\":\"bad payload\"}"))) {
            DeskConfig publicity = desk(List.of(), List.of(new WebhookConfig(WebhookConfig.Kind.JSON,
                    refusing.uri("/hooks/yuqing").toString(), "")));
            AlertService service = new AlertService(db.dataSource(), List.of(publicity), "https://yq.example.gov.cn/",
                    clock, meters);
            Alert alert = raiseOne(service, "https://n.cn/d1");
            String key = "alert:" + alert.id() + ":desk:publicity:webhook:0";

            assertEquals(new DispatchReport(0, 0, 1), dispatcher(List.of(publicity)).dispatchDue());
            clock.advance(Duration.ofDays(1));
            assertEquals(0, dispatcher(List.of(publicity)).dispatchDue().attempted());

            assertEquals(1, refusing.received.size());
            JsonNode posted = JSON.readTree(refusing.received.getFirst().body());
            assertEquals(key, posted.path("key").asText());
            assertEquals(alert.id(), posted.path("alertId").asLong());
            assertEquals(List.of("dead"), statusesOf(key));
            assertEquals(List.of(1), attemptsOf(key));
            assertTrue(lastErrorOf(key).contains("HTTP 400"), lastErrorOf(key));
            assertEquals(1.0, webhookCount("json", "dead"));
        }
    }

    @Test
    void theSecretComesFromTheConfigAtSendTimeAndARemovedWebhookGoesDead() throws Exception {
        DeskConfig before = desk(List.of(), List.of(dingtalkHook("SECold"), wecomHook(wecom)));
        AlertService service = new AlertService(db.dataSource(), List.of(before), "https://yq.example.gov.cn/",
                clock, meters);
        Alert alert = raiseOne(service, "https://n.cn/c1");
        String key = "alert:" + alert.id() + ":desk:publicity:webhook:";

        // The operator rotated the DingTalk secret and removed the WeCom robot before the rows were sent.
        expectedSecret = "SECnew";
        DeskConfig after = desk(List.of(), List.of(dingtalkHook("SECnew")));

        assertEquals(new DispatchReport(1, 0, 1), dispatcher(List.of(after)).dispatchDue());
        assertEquals(List.of("sent", "dead"), statusesOf(key + 0, key + 1));
        assertTrue(lastErrorOf(key + 1).contains("no longer has this wecom webhook"), lastErrorOf(key + 1));
        assertEquals(1, dingtalk.received.size());
        assertEquals(0, wecom.received.size());
    }

    @Test
    void silencesQuietHoursAndEscalationHoldWebhooksLikeMail() throws Exception {
        DeskConfig publicity = desk(List.of("xc@example.gov.cn"), List.of(wecomHook(wecom)));
        AlertingConfig night = new AlertingConfig(Duration.ofSeconds(30), 3, null, null, ZoneId.of("Asia/Shanghai"),
                new QuietHoursConfig(LocalTime.of(22, 0), LocalTime.of(7, 0), RiskLevel.ORANGE), null, null, null);
        clock.set(Instant.parse("2026-11-02T15:00:00Z")); // 23:00 in Shanghai
        AlertService service = new AlertService(db.dataSource(), List.of(publicity), "https://yq.example.gov.cn/",
                night, clock, meters, enterpriseId -> enterpriseId.equals(Docs.HEXIN_ID));

        Alert quiet = raiseOne(service, "https://n.cn/q1");
        Instant morning = Instant.parse("2026-11-02T23:00:00Z"); // 07:00 in Shanghai
        List<OutboxRows.Row> rows = OutboxRows.all(db);
        assertEquals(2, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.due().equals(morning)), "mail and webhook both wait: " + rows);
        assertEquals(0, dispatcher(List.of(publicity)).dispatchDue().attempted());

        assertTrue(service.process(Docs.scored("https://n.cn/q2", "禾欣欠薪", 60, RiskLevel.YELLOW,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.HEXIN_ID))).size() == 1);
        assertEquals(2, OutboxRows.all(db).size(), "an escalated enterprise gets neither mail nor webhook");

        new SilenceService(db.dataSource(), clock).create(SilenceMatchers.enterprise(Docs.YUNFAN_ID), "张三",
                "已知情况", null, clock.instant().plus(Duration.ofDays(1)));
        raiseOne(service, "https://n.cn/q3");
        assertEquals(2, OutboxRows.all(db).size(), "a silenced alert gets neither mail nor webhook");

        clock.set(morning);
        assertEquals(new DispatchReport(2, 0, 0), dispatcher(List.of(publicity)).dispatchDue());
        assertEquals(1, wecom.received.size());
        assertTrue(JSON.readTree(wecom.received.getFirst().body()).path("markdown").path("content").asText()
                .contains(Docs.YUNFAN));
        assertEquals(List.of("sent"), statusesOf("alert:" + quiet.id() + ":desk:publicity:webhook:0"));
    }

    private List<String> allStoredText() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT idempotency_key, recipients, subject, html_body,"
                     + " text_body, channel, webhook_kind, desk_id, webhook_fingerprint, payload FROM outbox");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                for (int i = 1; i <= 10; i++) {
                    out.add(String.valueOf(rs.getString(i)));
                }
            }
        }
        return out;
    }

    private List<String> statusesOf(String... keys) throws Exception {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            out.add(column(key, "status"));
        }
        return out;
    }

    private List<Integer> attemptsOf(String... keys) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (String key : keys) {
            out.add(Integer.parseInt(column(key, "attempts")));
        }
        return out;
    }

    private String lastErrorOf(String key) throws Exception {
        return String.valueOf(column(key, "last_error"));
    }

    private String column(String key, String column) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM outbox WHERE idempotency_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no outbox row " + key);
                return rs.getString(1);
            }
        }
    }
}
