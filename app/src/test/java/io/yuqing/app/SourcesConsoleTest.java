package io.yuqing.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.YuqingService;
import io.yuqing.crawler.CycleReport;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admins add, test, pause, resume and remove sources from the console and the API, without a restart: the schedules
 * follow, every change is audited, viewers and forged requests are refused, and crawled text stays text.
 */
class SourcesConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void sourcesAreManagedAtRunTime() throws Exception {
        try (DemoSite site = DemoSite.start(Clock.systemUTC())) {
            YuqingConfig config = new ConfigLoader().load("""
                    dataDir: %s
                    crawler:
                      politenessDelay: 0ms
                      maxNewItemsPerCycle: 5
                    watchlist:
                      enterprises:
                        - name: 青州恒达建设集团有限公司
                          shortNames: [恒达建设]
                    sources:
                      - id: demo-list
                        name: 青州新闻网列表
                        kind: html-list
                        url: %s/news/list-1.html
                        linkPattern: '/news/\\d{8}/[a-z0-9-]+\\.html$'
                        allowPrivateNetwork: true
                    """.formatted(dir.resolve("data"), site.baseUrl()), "test.yml");
            try (ServiceFixture app = ServiceFixture.on(config).admin().viewer().start()) {
                YuqingService service = app.service();
                String base = app.base();
                ConsoleClient admin = app.loggedIn("admin");
                service.startBackground();
                assertEquals(Set.of("demo-list"), service.scheduledSourceIds());

                String page = admin.get("/sources").body();
                assertTrue(page.contains("青州新闻网列表") && page.contains("id=\"pause-demo-list\""), page);
                assertFalse(page.contains("id=\"remove-demo-list\""), "a config-file source cannot be removed here");
                String csrf = admin.csrf("/sources/new");

                // A broken definition: the message names the line and the setting, and the text is kept.
                String broken = "id: feed\nkind: rss\nurl: " + site.baseUrl() + "/rss.xml\nevry: 5m\n";
                HttpResponse<String> refused = admin.post("/sources", Map.of("csrf", csrf, "do", "add", "definition", broken));
                assertEquals(400, refused.statusCode());
                assertTrue(refused.body().contains(":4:") && refused.body().contains("did you mean every"), refused.body());
                assertTrue(refused.body().contains("evry: 5m"), "what the admin typed is kept");

                // Test first: one cycle, nothing stored; a hostile name is shown as text.
                String definition = """
                        id: demo-feed
                        name: <script>alert(1)</script>青州新闻网 RSS
                        kind: rss
                        url: %s/rss.xml
                        every: 5m
                        allowPrivateNetwork: true
                        """.formatted(site.baseUrl());
                HttpResponse<String> tried = admin.post("/sources", Map.of("csrf", csrf, "do", "try", "definition", definition));
                assertEquals(200, tried.statusCode(), tried.body());
                assertTrue(tried.body().contains("id=\"trial\"") && tried.body().contains("恒达建设"), tried.body());
                assertFalse(tried.body().contains("<script>alert(1)"), "crawled and typed text is escaped");
                assertTrue(tried.body().contains("&lt;script&gt;alert(1)"), tried.body());
                assertTrue(service.sourceRegistry().find("demo-feed").isEmpty(), "testing stores nothing");

                HttpResponse<String> added = admin.post("/sources", Map.of("csrf", csrf, "do", "add", "definition", definition));
                assertEquals(303, added.statusCode(), added.body());
                assertEquals(Set.of("demo-list", "demo-feed"), service.scheduledSourceIds(), "scheduled at once, no restart");
                assertEquals(409, admin.post("/sources", Map.of("csrf", csrf, "do", "add", "definition", definition)).statusCode(),
                        "an id is added once");

                // Pause: no schedule, not crawled; the page says who paused it.
                assertEquals(303, admin.post("/sources/demo-list/pause", Map.of("csrf", csrf)).statusCode());
                assertEquals(Set.of("demo-feed"), service.scheduledSourceIds());
                assertEquals(List.of("demo-feed"), service.crawlOnce().stream().map(CycleReport::sourceId).toList());
                String paused = admin.get("/sources").body();
                // Articles read within the day, and the share given up, per source (which source reads a shared
                // article first depends on the scheduler's timing, so only "some, none failed" is certain).
                assertTrue(paused.matches("(?s).*data-source=\"demo-feed\">.*?<td>[1-9][0-9]*</td><td>0%</td>.*"), paused);
                assertTrue(paused.contains("已暂停") && paused.contains("id=\"resume-demo-list\""), paused);
                assertTrue(new io.yuqing.alerting.review.AuditLog(service.database().dataSource(), service.clock()).recentEvents(10)
                        .stream().anyMatch(a -> a.action().equals("source_pause") && a.actor().equals("admin")), "audited");

                assertEquals(303, admin.post("/sources/demo-list/resume", Map.of("csrf", csrf)).statusCode());
                assertEquals(Set.of("demo-list", "demo-feed"), service.scheduledSourceIds());

                // Test now from the list.
                HttpResponse<String> test = admin.post("/sources/demo-list/test", Map.of("csrf", csrf));
                assertEquals(200, test.statusCode());
                assertTrue(test.body().contains("id=\"trial\""), test.body());

                assertEquals(409, admin.post("/sources/demo-list/remove", Map.of("csrf", csrf)).statusCode());
                assertEquals(303, admin.post("/sources/demo-feed/remove", Map.of("csrf", csrf)).statusCode());
                assertEquals(Set.of("demo-list"), service.scheduledSourceIds());
                assertEquals(404, admin.post("/sources/nope/pause", Map.of("csrf", csrf)).statusCode());

                // Refused: no CSRF token; a viewer.
                assertEquals(403, admin.post("/sources/demo-list/pause", Map.of()).statusCode());
                ConsoleClient viewer = app.loggedIn("viewer");
                assertFalse(viewer.get("/sources").body().contains("id=\"add-source\""));
                assertEquals(403, viewer.post("/sources/demo-list/pause", Map.of("csrf", viewer.csrf("/sources"))).statusCode());
                assertFalse(service.sourceRegistry().find("demo-list").orElseThrow().paused());

                // The API, with a token.
                String token = app.console().users().createToken("admin", "test").orElseThrow();
                HttpClient http = HttpClient.newHttpClient();
                assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/api/sources")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                JsonNode list = JSON.readTree(api(http, base, token, "GET", "/api/sources", null).body());
                assertEquals("demo-list", list.get("sources").get(0).get("id").asText());
                String json = "{\"id\":\"api-feed\",\"kind\":\"rss\",\"url\":\"" + site.baseUrl() + "/rss.xml\",\"allowPrivateNetwork\":true}";
                HttpResponse<String> created = api(http, base, token, "POST", "/api/sources", json);
                assertEquals(201, created.statusCode(), created.body());
                assertEquals("added", JSON.readTree(created.body()).get("origin").asText());
                assertEquals(409, api(http, base, token, "POST", "/api/sources", json).statusCode());
                HttpResponse<String> invalid = api(http, base, token, "POST", "/api/sources", "{\"id\":\"x\",\"kind\":\"tv\",\"url\":\"https://a.cn\"}");
                assertEquals(400, invalid.statusCode());
                assertTrue(JSON.readTree(invalid.body()).get("message").asText().contains("unknown source kind"), invalid.body());
                HttpResponse<String> pausedApi = api(http, base, token, "POST", "/api/sources/api-feed/pause", "");
                assertTrue(JSON.readTree(pausedApi.body()).get("paused").asBoolean(), pausedApi.body());
                JsonNode trial = JSON.readTree(api(http, base, token, "POST", "/api/sources/api-feed/test", "").body());
                assertTrue(trial.get("articlesRead").asInt() > 0, trial.toString());
                assertEquals(200, api(http, base, token, "DELETE", "/api/sources/api-feed", null).statusCode());
                assertTrue(service.sourceRegistry().find("api-feed").isEmpty());
                assertEquals(Set.of("demo-list"), service.scheduledSourceIds());
            }
        }
    }

    private static HttpResponse<String> api(HttpClient http, String base, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).header("Content-Type", "application/json");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
