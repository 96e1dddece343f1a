package io.yuqing.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A grouped alert's page says which group it is in (route, labels, receiving desk), whether and when the group's
 * notification listed it, and links the group's other alerts — in Chinese and English, crawled titles escaped; the
 * API's alert JSON has the same. A desk member sees its own desk's group only. Real service, console and HTTP.
 */
class GroupedNotificationsConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theAlertPageAndTheApiShowTheGroupItsNotificationAndTheOtherAlerts() throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                  - id: united
                    name: 统战部
                    recipients: [tz@example.gov.cn]
                watchlist:
                  enterprises:
                    - id: muge-dairy
                      name: 青州牧歌乳业有限公司
                      shortNames: [牧歌乳业]
                      district: 东湖区
                routing:
                  groupBy: [enterprise]
                  groupWait: 2m
                  repeatInterval: 4h
                  routes:
                    - name: 东湖区汇总
                      matchers: ["district=东湖区"]
                      receivers: [publicity, united]
                """.formatted(dir.resolve("data")), "test.yml");
        // 2024-11-25 02:00 UTC is 10:00 in Asia/Shanghai.
        AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-25T02:00:00Z"));
        try (ServiceFixture app = ServiceFixture.on(config).clock(clock).admin()
                .user("desk", Role.DESK, "united", "desk password 1").start()) {
            YuqingService service = app.service();
            app.accept("https://news.example.cn/a/1.html", "牧歌乳业被曝拖欠工资<script>alert(1)</script>",
                    "多名员工反映青州牧歌乳业有限公司拖欠工资三个月，工人聚集讨薪。");
            clock.advance(Duration.ofSeconds(30));
            app.accept("https://daily.example.cn/a/2.html", "牧歌乳业鲜奶抽检不合格",
                    "市场监管部门通报，青州牧歌乳业有限公司生产的鲜奶抽检不合格，菌落总数超标。");
            List<Alert> alerts = service.alerts().list(AlertFilter.all(), 0, 10).stream()
                    .sorted(Comparator.comparing(Alert::id)).toList();
            assertEquals(2, alerts.size(), alerts.toString());
            Alert first = alerts.get(0);
            Alert second = alerts.get(1);
            assertEquals("muge-dairy", first.enterpriseId(), "grouped by this id");

            ConsoleClient admin = app.loggedIn("admin");
            String waiting = admin.get("/alerts/" + second.id()).body();
            String section = waiting.substring(waiting.indexOf("<h2>分组通知</h2>"), waiting.indexOf("<h2>处理记录</h2>"));
            assertEquals(2, section.split("class=\"card alert-group\"", -1).length - 1, "one group per receiving desk: " + section);
            assertTrue(section.contains("东湖区汇总、企业：青州牧歌乳业有限公司") && section.contains("宣传部")
                    && section.contains("统战部"), section);
            assertFalse(section.contains(first.enterpriseId()), "the enterprise's name, not the id it is grouped by: " + section);
            assertTrue(section.contains("本条尚未发出，预计 2024-11-25 10:02 随分组通知发出"), "due at the first alert's group wait: " + section);
            assertTrue(section.contains("<a href=\"/alerts/" + first.id() + "\">"), "the other alert is linked: " + section);
            assertTrue(section.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !section.contains("<script>alert(1)"),
                    "the other alert's crawled title is escaped: " + section);
            assertTrue(section.contains("本组其他预警（1 条）"), section);

            clock.advance(Duration.ofMinutes(2));
            service.deliverDueMail();
            String notified = admin.get("/alerts/" + second.id()).body();
            assertTrue(notified.contains("本条在第 1 次分组通知中发出（2024-11-25 10:02）"), notified);
            assertTrue(notified.contains("本组已通知 1 次，最近一次 2024-11-25 10:02") && notified.contains("下次查看 2024-11-25 14:02"),
                    "the reminder after the repeat interval: " + notified);
            assertFalse(notified.contains("尚未发出"), "both alerts went out");

            admin.setCookie("lang", "en");
            String english = admin.get("/alerts/" + second.id()).body();
            assertTrue(english.contains("<h2>Grouped notifications</h2>")
                    && english.contains("sent in the group&#39;s notification no. 1 (2024-11-25 10:02)")
                    && english.contains("Other alerts of this group (1):") && english.contains("Receiver: ")
                    && english.contains("东湖区汇总, Enterprise: 青州牧歌乳业有限公司"), english);

            // Only configured names (route, desks) and crawled text (enterprise, titles) stay Chinese in the English section.
            String englishSection = english.substring(english.indexOf("<h2>Grouped notifications</h2>"),
                    english.indexOf("<h2>Case history</h2>"));
            List<String> allowed = List.of("东湖区汇总", "宣传部", "统战部", "青州牧歌乳业有限公司", "牧歌乳业被曝拖欠工资");
            assertEquals(List.of(), EnglishConsoleTest.chineseIn(EnglishConsoleTest.visibleText(englishSection)).stream()
                    .filter(run -> !allowed.contains(run)).toList(), englishSection);
            admin.setCookie("lang", "zh");

            JsonNode json = JSON.readTree(admin.get("/api/alerts/" + second.id()).body());
            assertEquals(2, json.get("groups").size(), json.toString());
            JsonNode group = json.get("groups").get(0);
            assertEquals("东湖区汇总", group.get("route").asText());
            assertEquals("publicity", group.get("desk").asText());
            // Programs keep the stored key and values (the enterprise id); people get the name beside it.
            assertEquals("enterprise=" + first.enterpriseId(), group.get("groupKey").asText());
            assertEquals("enterprise", group.at("/labels/0/label").asText());
            assertEquals(first.enterpriseId(), group.at("/labels/0/values/0").asText());
            assertEquals("青州牧歌乳业有限公司", group.at("/labels/0/names/0").asText());
            assertEquals("东湖区汇总；企业：青州牧歌乳业有限公司", group.get("description").asText());
            assertEquals(1, group.get("notifiedIn").asInt());
            assertEquals("2024-11-25T02:02:30Z", group.get("notifiedAt").asText());
            assertEquals("2024-11-25T06:02:30Z", group.get("nextAt").asText());
            assertEquals(1, group.get("otherCount").asInt());
            assertEquals(first.id(), group.at("/others/0/id").asLong());
            assertEquals("牧歌乳业被曝拖欠工资<script>alert(1)</script>", group.at("/others/0/title").asText(), "raw in JSON");
            assertEquals(0, JSON.readTree(admin.get("/api/alerts?limit=5").body()).at("/items/0").path("groups").size(),
                    "lists stay as they were");

            ConsoleClient desk = app.loggedIn("desk");
            String deskPage = desk.get("/alerts/" + second.id()).body();
            assertEquals(1, deskPage.split("class=\"card alert-group\"", -1).length - 1, "its own desk's group only");
            JsonNode deskJson = JSON.readTree(desk.get("/api/alerts/" + second.id()).body());
            assertEquals(List.of("united"), List.of(deskJson.at("/groups/0/desk").asText()));
            assertEquals(1, deskJson.get("groups").size());
        }
    }

    @Test
    void anAlertSentOnItsOwnHasNoGroupSection() throws Exception {
        YuqingConfig config = ServiceFixture.publicityDeskWatching(dir.resolve("data2"), "青州牧歌乳业有限公司", "牧歌乳业");
        AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-25T02:00:00Z"));
        try (ServiceFixture app = ServiceFixture.on(config).clock(clock).admin().start()) {
            app.accept("https://news.example.cn/a/1.html", "牧歌乳业被曝拖欠工资",
                    "多名员工反映青州牧歌乳业有限公司拖欠工资三个月，工人聚集讨薪。");
            Alert alert = app.service().alerts().list(AlertFilter.all(), 0, 1).getFirst();
            ConsoleClient admin = app.loggedIn("admin");
            assertFalse(admin.get("/alerts/" + alert.id()).body().contains("分组通知"));
            assertEquals(0, JSON.readTree(admin.get("/api/alerts/" + alert.id()).body()).get("groups").size());
        }
    }
}
