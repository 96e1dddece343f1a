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
import io.yuqing.alerting.digest.DigestBuilder;
import io.yuqing.alerting.digest.DigestMailer;
import io.yuqing.alerting.digest.DigestRenderer;
import io.yuqing.alerting.outbox.DispatchReport;
import io.yuqing.alerting.outbox.Outbox;
import io.yuqing.alerting.outbox.OutboxDispatcher;
import io.yuqing.alerting.outbox.SmtpMailSender;
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

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reminders about unacknowledged red alerts, daily digests and escalations reach the desks' chat webhooks through the
 * durable outbox, once each (idempotent keys), against real loopback robots, with crawled text made inert.
 */
class FollowUpWebhooksTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DING_SECRET = "SEC-followup-1";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final AlertingConfig CONFIG = new AlertingConfig(Duration.ofSeconds(30), 3, Duration.ofDays(2),
            LocalTime.of(8, 0), SHANGHAI, QuietHoursConfig.off(), Duration.ofMinutes(30), List.of(), Duration.ofDays(30));
    /** Crawled text that would be a link and a heading if it were not escaped. */
    private static final String HOSTILE_TITLE = "云帆科技[拖欠](http://evil.example/)工资\n# 假标题";

    Database db;
    AdjustableClock clock;
    SimpleMeterRegistry meters;
    RobotServer dingtalk;
    RobotServer json;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.create(TestDatabases.Kind.H2);
        clock = new AdjustableClock(Docs.T0);
        meters = new SimpleMeterRegistry();
        dingtalk = new RobotServer(r -> signedCorrectly(r)
                ? new RobotServer.Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\"}")
                : new RobotServer.Reply(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"));
        json = new RobotServer(r -> new RobotServer.Reply(200, "{}"));
    }

    @AfterEach
    void tearDown() {
        dingtalk.close();
        json.close();
        db.close();
    }

    private DeskConfig desk(List<String> recipients) {
        return new DeskConfig("publicity", "宣传部", recipients, List.of(), RiskLevel.BLUE, List.of(
                new WebhookConfig(WebhookConfig.Kind.DINGTALK, dingtalk.uri("/robot/send?access_token=t1").toString(),
                        DING_SECRET),
                new WebhookConfig(WebhookConfig.Kind.JSON, json.uri("/hook").toString(), "")));
    }

    private OutboxDispatcher dispatcher(DeskConfig desk) {
        SmtpMailSender mail = new SmtpMailSender(new SmtpConfig("127.0.0.1", greenMail.getSmtp().getPort(),
                "yuqing@example.gov.cn", "", "", SmtpConfig.Security.NONE, Duration.ofSeconds(5)), clock);
        return new OutboxDispatcher(db.dataSource(), mail, new ConfiguredWebhooks(List.of(desk), clock, Duration.ofSeconds(5)), CONFIG, clock, meters);
    }

    @Test
    void anUnacknowledgedRedAlertIsRemindedOnTheDesksWebhooksOnce() throws Exception {
        DeskConfig publicity = desk(List.of("xc@example.gov.cn"));
        AlertService service = new AlertService(db.dataSource(), List.of(publicity), "https://yq.example.gov.cn/",
                CONFIG, clock, meters, enterprise -> false);
        Alert red = service.process(Docs.scored("https://n.cn/red1", HOSTILE_TITLE, 95, RiskLevel.RED,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID))).getFirst();
        assertEquals(new DispatchReport(3, 0, 0), dispatcher(publicity).dispatchDue(), "the alert: mail and two posts");

        clock.advance(Duration.ofMinutes(31));
        assertEquals(1, service.renotifyDue().size());
        assertEquals(List.of(), service.renotifyDue(), "reminded once");
        String prefix = "alert:" + red.id() + ":renotify:desk:publicity:webhook:";
        List<String> keys = OutboxRows.keys(db);
        assertTrue(keys.containsAll(List.of("alert:" + red.id() + ":renotify", prefix + 0, prefix + 1)), keys.toString());
        assertEquals(new DispatchReport(3, 0, 0), dispatcher(publicity).dispatchDue());
        assertEquals(0, dispatcher(publicity).dispatchDue().attempted(), "nothing twice");
        assertEquals(2, greenMail.getReceivedMessages().length, "the alert mail and the reminder mail");

        assertEquals(2, dingtalk.received.size());
        JsonNode ding = JSON.readTree(dingtalk.received.getLast().body());
        assertEquals("【红色预警·未确认提醒】" + Docs.YUNFAN, ding.path("markdown").path("title").asText());
        String text = ding.path("markdown").path("text").asText();
        assertTrue(text.contains("**未确认时长：**31 分钟"), text);
        assertTrue(text.contains("云帆科技［拖欠］（http://evil.example/）工资 ＃ 假标题"), "crawled markdown is inert: " + text);
        assertFalse(text.contains("](http://evil.example/)"), text);
        JsonNode posted = JSON.readTree(json.received.getLast().body());
        assertEquals("reminder", posted.path("kind").asText());
        assertEquals(red.id(), posted.path("alertId").asLong());
        assertEquals(prefix + 1, posted.path("key").asText());
        assertEquals(HOSTILE_TITLE, posted.path("title").asText(), "JSON carries the raw text for the receiver");
    }

    @Test
    void theDailyDigestGoesToTheDesksWebhooksOncePerDay() throws Exception {
        DeskConfig publicity = desk(List.of());
        AlertService service = new AlertService(db.dataSource(), List.of(publicity), "https://yq.example.gov.cn/",
                CONFIG, clock, meters, enterprise -> false);
        service.process(Docs.scored("https://n.cn/d1", HOSTILE_TITLE, 70, RiskLevel.ORANGE,
                List.of(RiskCategory.WAGE_ARREARS), List.of(Docs.YUNFAN_ID)));
        dispatcher(publicity).dispatchDue();
        int alertPosts = dingtalk.received.size();
        DigestMailer mailer = new DigestMailer(db.dataSource(), new DigestBuilder(db.dataSource(), clock,
                Duration.ofDays(2)), new DigestRenderer("https://yq.example.gov.cn"), clock);
        LocalDate day = LocalDate.ofInstant(Docs.T0, SHANGHAI);

        assertEquals(2, mailer.enqueue(day, SHANGHAI, List.of(publicity)), "no recipients: the two webhooks only");
        assertEquals(0, mailer.enqueue(day, SHANGHAI, List.of(publicity)), "a second run sends nothing twice");
        assertEquals(new DispatchReport(2, 0, 0), dispatcher(publicity).dispatchDue());

        assertEquals(alertPosts + 1, dingtalk.received.size());
        JsonNode ding = JSON.readTree(dingtalk.received.getLast().body());
        assertEquals("【舆情日报】宣传部 " + day, ding.path("markdown").path("title").asText());
        String text = ding.path("markdown").path("text").asText();
        assertTrue(text.contains("**当日新增预警：**共 1 条（橙色预警 1）"), text);
        assertTrue(text.contains("**未办结：**0 件，其中超期（2.0 天以上）0 件"), text);
        assertTrue(text.contains("**风险上升企业：**" + Docs.YUNFAN + "（1 条）"), text);
        assertTrue(text.contains("[在舆情系统中查看](https://yq.example.gov.cn/alerts)"), text);
        JsonNode posted = JSON.readTree(json.received.getLast().body());
        assertEquals("digest", posted.path("kind").asText());
        assertEquals("digest:publicity:" + day + ":webhook:1", posted.path("key").asText());
    }

    @Test
    void anEscalationMessageSurvivesTheOutboxAndIsEscapedForTheRobots() throws Exception {
        DeskConfig publicity = desk(List.of());
        String hostileName = "云帆<font color=red>科技</font>";
        try (Connection c = db.dataSource().getConnection()) {
            Outbox.enqueueWebhooks(c, publicity, "escalation:7:desk:publicity", key -> new WebhookMessage(key,
                    WebhookMessage.Kind.ESCALATION, 0, RiskLevel.ORANGE, hostileName, "近 1 小时 风险报道骤增",
                    List.of(RiskCategory.FOOD_SAFETY), "", "https://yq.example.gov.cn/escalations", clock.instant(),
                    List.of(new WebhookMessage.Fact("近 1 小时 报道", "6 条（按其以往水平预计约 0.1 条）"))),
                    clock.instant());
        }
        assertEquals(List.of("escalation:7:desk:publicity:webhook:0", "escalation:7:desk:publicity:webhook:1"),
                OutboxRows.keys(db));
        assertEquals("【事件升级】" + hostileName, OutboxRows.all(db).getFirst().subject());

        assertEquals(new DispatchReport(2, 0, 0), dispatcher(publicity).dispatchDue());
        String text = JSON.readTree(dingtalk.received.getFirst().body()).path("markdown").path("text").asText();
        assertTrue(text.startsWith("### 【事件升级】云帆＜font color=red＞科技＜/font＞\n"), text);
        assertTrue(text.contains("**近 1 小时 报道：**6 条（按其以往水平预计约 0.1 条）"), text);
        assertTrue(text.contains("**风险类别：**" + RiskCategory.FOOD_SAFETY.label()), text);
        JsonNode posted = JSON.readTree(json.received.getFirst().body());
        assertEquals("escalation", posted.path("kind").asText());
        assertEquals(hostileName, posted.path("enterprise").asText());
        assertEquals("6 条（按其以往水平预计约 0.1 条）", posted.path("facts").path(0).path("value").asText());
    }

    private boolean signedCorrectly(RobotServer.Received r) {
        Map<String, String> query = new HashMap<>();
        for (String pair : r.uri().getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                    (query.get("timestamp") + "\n" + DING_SECRET).getBytes(StandardCharsets.UTF_8)));
            return expected.equals(query.get("sign"));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
