package io.yuqing.app;

import io.yuqing.alerting.outbox.OutboxQueries;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff silence an enterprise from the console: alerts are still recorded but not mailed until the silence ends. */
class SilencesConsoleTest {
    @TempDir
    Path dir;

    @Test
    void silenceFromTheConsoleMutesMailButKeepsTheAlert() throws Exception {
        YuqingConfig config = ServiceFixture.publicityDeskWatching(dir.resolve("data"), "青州恒达建设集团有限公司", "恒达建设");
        try (ServiceFixture app = ServiceFixture.on(config).admin().viewer().start()) {
            YuqingService service = app.service();
            ConsoleClient admin = app.loggedIn("admin");

            String routing = admin.get("/routing").body();
            assertTrue(routing.contains("宣传部") && routing.contains("xc@example.gov.cn"), "routing is readable");
            assertTrue(routing.contains("<h2>预警规则</h2>") && routing.contains("item-threshold") && routing.contains("单条报道阈值"),
                    "the rules are listed");
            assertTrue(routing.contains("<ul id=\"routing-tree\">") && routing.contains("级别不低于蓝色预警")
                    && routing.contains("逐条立即发送"), "the desks' routing shown as a tree: " + routing);

            String csrf = admin.csrf("/silences");
            HttpResponse<String> refused = admin.post("/silences", Map.of("csrf", csrf, "enterprise", "青州恒达建设集团有限公司",
                    "hours", "24", "comment", ""));
            assertEquals(400, refused.statusCode(), "a silence needs a reason");
            assertTrue(refused.body().contains("请填写静默原因"), refused.body());
            sameValidationOnTheFormAndTheApi(admin, csrf);
            assertTrue(service.silences().active().isEmpty(), "no bad request made a silence");
            assertEquals(403, admin.post("/silences", Map.of("enterprise", "青州恒达建设集团有限公司", "hours", "24",
                    "comment", "无令牌")).statusCode(), "no CSRF token, no silence");
            HttpResponse<String> created = admin.post("/silences", Map.of("csrf", csrf, "enterprise", "青州恒达建设集团有限公司",
                    "hours", "24", "comment", "同一事件的重复报道，已在处置"));
            assertEquals(303, created.statusCode(), created.body());
            String page = admin.get("/silences").body();
            assertTrue(page.contains("同一事件的重复报道") && page.contains("admin"), page);

            service.pipeline().accept(doc(1));
            assertEquals(1, service.alerts().count(io.yuqing.alerting.AlertFilter.all()), "the alert is still recorded");
            assertEquals(0, mails(service), "but not mailed while silenced");

            long id = service.silences().active().getFirst().id();
            assertEquals(303, admin.post("/silences/" + id + "/expire", Map.of("csrf", csrf)).statusCode());
            assertTrue(service.silences().active().isEmpty());
            service.pipeline().accept(doc(2));
            assertEquals(1, mails(service), "after the silence, mail goes out again");

            // Watchlist import from the console: matched from the next document on, no restart.
            byte[] csv = "name,shortNames,district\n青州禾丰农业有限公司,禾丰农业,西山区\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(403, admin.postFile("/watchlist/import", Map.of(), "file", "w.csv", csv).statusCode(), "CSRF applies to uploads");
            HttpResponse<String> imported = admin.postFile("/watchlist/import", Map.of("csrf", csrf), "file", "w.csv", csv);
            assertEquals(303, imported.statusCode(), imported.body());
            assertTrue(service.watchlist().stream().anyMatch(e -> e.name().equals("青州禾丰农业有限公司")));
            assertTrue(admin.get("/watchlist?msg=x").body().contains("青州禾丰农业有限公司"));
            assertEquals(400, admin.postFile("/watchlist/import", Map.of("csrf", csrf), "file", "bad.csv",
                    "nmae\nx\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode(), "a bad header is refused with its reason");
            assertEquals(1, service.pipeline().process(new Document(null, "https://n.cn/x", "s", "禾丰农业发布新品",
                    "青州禾丰农业有限公司今日发布新品。", "", "", java.time.Instant.now(), java.time.Instant.now())).mentions().size());

            ConsoleClient viewer = app.loggedIn("viewer");
            assertEquals(403, viewer.post("/silences", Map.of("csrf", viewer.csrf("/routing"), "enterprise", "青州恒达建设集团有限公司",
                    "hours", "24", "comment", "x")).statusCode(), "a viewer cannot silence");
        }
    }

    /**
     * The console's form and POST /api/silences refuse the same inputs with the same message: Chinese (or English) on
     * the form, English from the API, both from one validation.
     */
    private static void sameValidationOnTheFormAndTheApi(ConsoleClient admin, String csrf) throws Exception {
        record Bad(Map<String, String> form, String zh, String en) {
        }
        List<Bad> bad = List.of(
                new Bad(Map.of("hours", "24", "comment", " "), "请填写静默原因", "Please give a reason for the silence."),
                new Bad(Map.of("hours", "5", "comment", "x"), "静默时长须为 1, 4, 24, 72, 168, 720 小时之一。",
                        "The silence must last one of 1, 4, 24, 72, 168, 720 hours."),
                new Bad(Map.of("hours", "abc", "comment", "x"), "静默时长须为 1, 4, 24, 72, 168, 720 小时之一。",
                        "The silence must last one of 1, 4, 24, 72, 168, 720 hours."),
                new Bad(Map.of("hours", "24", "comment", "x", "category", "<b>nope"), "未知的风险类别：&lt;b&gt;nope",
                        "Unknown risk category: <b>nope"),
                new Bad(Map.of("hours", "24", "comment", "x", "level", "none"),
                        "未知的预警级别：none（可选 blue、yellow、orange、red）",
                        "Unknown warning level: none (blue, yellow, orange or red)"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Bad b : bad) {
            Map<String, String> form = new java.util.HashMap<>(b.form());
            form.put("csrf", csrf);
            HttpResponse<String> page = admin.post("/silences", form);
            assertEquals(400, page.statusCode(), b.toString());
            assertTrue(page.body().contains(b.zh()), b + " → " + page.body());
            HttpResponse<String> api = admin.post("/api/silences", form);
            assertEquals(400, api.statusCode(), b + " → " + api.body());
            assertEquals(b.en(), json.readTree(api.body()).get("message").asText());
            admin.setCookie("lang", "en");
            String english = admin.post("/silences", form).body();
            admin.setCookie("lang", "zh");
            assertTrue(english.contains(io.yuqing.core.text.Html.escape(b.en())), b + " → " + english);
        }
    }

    private static long mails(YuqingService service) {
        return new OutboxQueries(service.database().dataSource()).recent(100).stream()
                .filter(m -> m.idempotencyKey().startsWith("alert:")).count();
    }

    /** Two different stories (not reposts of one), so each raises its own alert. */
    private static Document doc(int n) {
        java.time.Instant now = java.time.Instant.now();
        String text = n == 1 ? "青州恒达建设集团有限公司承建的滨江工地拖欠农民工工资，数十名工人聚集讨薪。"
                : "青州恒达建设集团有限公司另一处位于高新区的项目也被曝拖欠工资三个月，二十余名木工到劳动监察大队求助。";
        return new Document(null, "https://news.example.cn/a/" + n + ".html", "test", "恒达建设工地拖欠农民工工资 第" + n + "报",
                text, "", "", now, now);
    }
}
