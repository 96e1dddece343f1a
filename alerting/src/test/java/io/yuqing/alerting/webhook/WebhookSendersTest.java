package io.yuqing.alerting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.outbox.SendResult;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSendersTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final String SECRET = "SECb7f0c1d2e3a4f5061728394a5b6c7d8e9f00112233445566778899aabbccddeeff";
    static final Instant NOW = Instant.parse("2026-11-02T01:30:00Z");
    static final String HOSTILE_TITLE = "云帆欠薪](http://evil.example/phish) 点此\n# 大标题\n> 引用 <font color=\"warning\">x</font>";

    static WebhookMessage message(String title, String url) {
        Alert alert = new Alert(42, "doc-1", "yunfan", "青州云帆科技有限公司", title, url, "city-news", 70,
                RiskLevel.ORANGE, List.of(RiskCategory.WAGE_ARREARS, RiskCategory.LABOR_DISPUTE), List.of(),
                List.of("publicity"), AlertStatus.NEW, NOW, NOW);
        return WebhookMessage.from(alert, "https://yuqing.example.gov.cn/", "robot");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** What DingTalk does on its side: recompute the HMAC from the timestamp and the robot's own secret. */
    static RobotServer.Reply dingTalkVerifying(RobotServer.Received r, long expectedTimestamp) {
        try {
            Map<String, String> q = query(r.uri());
            long timestamp = Long.parseLong(q.get("timestamp"));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
            if (!"robot-token".equals(q.get("access_token")) || timestamp != expectedTimestamp
                    || !expected.equals(q.get("sign"))) {
                return new RobotServer.Reply(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
            }
            return new RobotServer.Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        } catch (Exception e) {
            return new RobotServer.Reply(400, "{\"errcode\":40035,\"errmsg\":\"bad request\"}");
        }
    }

    @Test
    void dingTalkMarkdownIsSignedExactlyAsDingTalkVerifiesIt() throws Exception {
        AdjustableClock clock = new AdjustableClock(NOW);
        try (RobotServer robot = new RobotServer(r -> dingTalkVerifying(r, NOW.toEpochMilli()))) {
            DingTalkRobotSender sender = new DingTalkRobotSender(robot.uri("/robot/send?access_token=robot-token"),
                    SECRET, clock, TIMEOUT);
            SendResult result = sender.send(message("云帆拖欠工资 员工讨薪", "https://news.example.cn/a?id=1"));

            assertInstanceOf(SendResult.Sent.class, result, result.toString());
            RobotServer.Received r = robot.received.getFirst();
            assertEquals("POST", r.method());
            assertTrue(r.contentType().startsWith("application/json"));
            JsonNode body = JSON.readTree(r.body());
            assertEquals("markdown", body.path("msgtype").asText());
            assertEquals("【橙色预警】青州云帆科技有限公司", body.path("markdown").path("title").asText());
            String text = body.path("markdown").path("text").asText();
            assertTrue(text.contains("云帆拖欠工资 员工讨薪"), text);
            assertTrue(text.contains("欠薪讨薪、劳资纠纷"), text);
            assertTrue(text.contains("[查看原文](https://news.example.cn/a?id=1)"), text);
            assertTrue(text.contains("[在舆情系统中处理](https://yuqing.example.gov.cn/alerts/42)"), text);
        }
    }

    @Test
    void aWrongSecretIsAPermanentFailureAndRateLimitingIsRetryable() throws Exception {
        AdjustableClock clock = new AdjustableClock(NOW);
        try (RobotServer robot = new RobotServer(r -> dingTalkVerifying(r, NOW.toEpochMilli()))) {
            SendResult wrong = new DingTalkRobotSender(robot.uri("/robot/send?access_token=robot-token"),
                    "SECnot-the-secret", clock, TIMEOUT).send(message("t", "https://a.cn/"));
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, wrong);
            assertFalse(failed.retryable());
            assertTrue(failed.reason().contains("310000"), failed.reason());
        }
        try (RobotServer robot = new RobotServer(
                r -> new RobotServer.Reply(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}"))) {
            SendResult tooFast = new DingTalkRobotSender(robot.uri("/robot/send?access_token=robot-token"), "",
                    clock, TIMEOUT).send(message("t", "https://a.cn/"));
            assertTrue(assertInstanceOf(SendResult.Failed.class, tooFast).retryable());
            assertFalse(robot.received.getFirst().uri().getRawQuery().contains("sign="), "no secret, no signature");
        }
    }

    @Test
    void weComMarkdownHasTheRobotShapeAndCrawledTextCannotInjectLinksOrHeadings() throws Exception {
        try (RobotServer robot = new RobotServer(r -> new RobotServer.Reply(200, "{\"errcode\":0,\"errmsg\":\"ok\"}"))) {
            SendResult result = new WeComRobotSender(robot.uri("/cgi-bin/webhook/send?key=k1"), TIMEOUT)
                    .send(message(HOSTILE_TITLE, "https://news.example.cn/a(1)?x=[y]"));

            assertInstanceOf(SendResult.Sent.class, result, result.toString());
            JsonNode body = JSON.readTree(robot.received.getFirst().body());
            assertEquals(List.of("markdown", "msgtype"), iterator(body.fieldNames()));
            assertEquals(List.of("content"), iterator(body.path("markdown").fieldNames()));
            String content = body.path("markdown").path("content").asText();
            assertFalse(content.contains("](http://evil"), content);
            assertFalse(content.contains("\n# "), content);
            assertFalse(content.contains("\n> "), content);
            assertFalse(content.contains("<font"), content);
            assertTrue(content.contains("云帆欠薪］（http://evil.example/phish） 点此 ＃ 大标题 ＞ 引用"), content);
            assertTrue(content.contains("[查看原文](https://news.example.cn/a%281%29?x=%5By%5D)"), content);
            assertEquals(3, content.split("\\]\\(", -1).length, "exactly two links, both ours: " + content);
        }
    }

    @Test
    void unsafeArticleLinksAreLeftOut() throws Exception {
        try (RobotServer robot = new RobotServer(r -> new RobotServer.Reply(200, "{\"errcode\":0}"))) {
            new WeComRobotSender(robot.uri("/send?key=k"), TIMEOUT).send(message("t", "javascript:alert(1)"));
            String content = JSON.readTree(robot.received.getFirst().body()).path("markdown").path("content").asText();
            assertFalse(content.contains("javascript"), content);
            assertFalse(content.contains("查看原文"), content);
        }
    }

    @Test
    void genericJsonCarriesRawFieldsSafelyEncoded() throws Exception {
        try (RobotServer robot = new RobotServer(r -> new RobotServer.Reply(204, ""))) {
            SendResult result = new GenericJsonWebhookSender(robot.uri("/hooks/yuqing"), TIMEOUT)
                    .send(message(HOSTILE_TITLE, "https://news.example.cn/a"));

            assertEquals("alert:42:webhook:robot", assertInstanceOf(SendResult.Sent.class, result).messageId());
            JsonNode body = JSON.readTree(robot.received.getFirst().body());
            assertEquals("alert:42:webhook:robot", body.path("key").asText());
            assertEquals(42, body.path("alertId").asLong());
            assertEquals("orange", body.path("level").asText());
            assertEquals("橙色预警", body.path("levelLabel").asText());
            assertEquals("青州云帆科技有限公司", body.path("enterprise").asText());
            assertEquals(HOSTILE_TITLE, body.path("title").asText(), "JSON keeps the title exactly");
            assertEquals("wage-arrears", body.path("categories").path(0).asText());
            assertEquals("https://yuqing.example.gov.cn/alerts/42", body.path("consoleLink").asText());
            assertEquals(NOW.toString(), body.path("raisedAt").asText());
        }
    }

    @ParameterizedTest
    @CsvSource({"400,false", "403,false", "404,false", "429,true", "500,true", "502,true", "503,true"})
    void httpStatusesAreClassifiedForRetry(int status, boolean retryable) throws Exception {
        try (RobotServer robot = new RobotServer(r -> new RobotServer.Reply(status, "{\"error\":\"x\"}"))) {
            SendResult result = new GenericJsonWebhookSender(robot.uri("/h"), TIMEOUT).send(message("t", "https://a.cn/"));
            SendResult.Failed failed = assertInstanceOf(SendResult.Failed.class, result);
            assertEquals(retryable, failed.retryable(), failed.reason());
            assertTrue(failed.reason().contains(String.valueOf(status)), failed.reason());
        }
    }

    @Test
    void anUnreachableEndpointIsRetryableNotAnException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SendResult result = new WeComRobotSender(URI.create("http://127.0.0.1:" + port + "/send?key=k"), TIMEOUT)
                .send(message("t", "https://a.cn/"));
        assertTrue(assertInstanceOf(SendResult.Failed.class, result).retryable());
    }

    @Test
    void aRobotReplyThatIsNotJsonIsRetryable() throws Exception {
        try (RobotServer robot = new RobotServer(r -> new RobotServer.Reply(200, "<html>gateway</html>"))) {
            SendResult result = new WeComRobotSender(robot.uri("/send?key=k"), TIMEOUT).send(message("t", "https://a.cn/"));
            assertTrue(assertInstanceOf(SendResult.Failed.class, result).retryable());
        }
    }

    private static List<String> iterator(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        out.sort(String::compareTo);
        return out;
    }
}
