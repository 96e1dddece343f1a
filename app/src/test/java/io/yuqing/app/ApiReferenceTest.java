package io.yuqing.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.app.security.Role;
import io.yuqing.app.service.YuqingService;
import io.yuqing.app.web.ConsoleServer;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API does everything the console does, and /api/openapi.json describes exactly the routes that exist: every
 * documented operation answers (never "no such endpoint", never a server error) and the functions behind the new
 * endpoints work with the same permissions as the pages.
 */
class ApiReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private String base;

    @Test
    void everyDocumentedOperationExistsAndWorks() throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                desks:
                  - id: publicity
                    name: 宣传部
                    recipients: [xc@example.gov.cn]
                  - id: unitedfront
                    name: 统战部
                    recipients: [tz@example.gov.cn]
                    categories: [financial-distress]
                watchlist:
                  enterprises:
                    - name: 青州恒达建设集团有限公司
                      shortNames: [恒达建设]
                      district: 滨江区
                """.formatted(dir.resolve("data")), "test.yml");
        try (ServiceFixture app = ServiceFixture.on(config).admin().viewer()
                .user("desk", Role.DESK, "unitedfront", "desk password 1").start()) {
            YuqingService service = app.service();
            ConsoleServer console = app.console();
            base = app.base();
            String admin = console.users().createToken("admin", "test").orElseThrow();
            String viewer = console.users().createToken("viewer", "test").orElseThrow();
            String desk = console.users().createToken("desk", "test").orElseThrow();
            Instant now = Instant.now();
            service.pipeline().accept(new Document(null, "https://news.example.cn/a/1.html", "test",
                    "恒达建设工地拖欠农民工工资<script>x()</script>", "青州恒达建设集团有限公司承建的工地拖欠农民工工资，数十名工人聚集讨薪。",
                    "", "", now, now));
            long alertId = service.alerts().list(AlertFilter.all(), 0, 1).getFirst().id();
            String enterpriseId = service.watchlist().getFirst().id();

            // The description: anonymous may read it; it is valid OpenAPI 3.1 in shape.
            HttpResponse<String> spec = send("GET", "/api/openapi.json", null, null, null);
            assertEquals(200, spec.statusCode());
            JsonNode doc = JSON.readTree(spec.body());
            assertEquals("3.1.0", doc.get("openapi").asText());
            assertEquals("bearer", doc.at("/components/securitySchemes/bearer/scheme").asText());
            String reference = send("GET", "/api/docs", null, null, null).body();

            Map<String, String> pathValues = Map.of("{id}", String.valueOf(alertId), "{action}", "acknowledge");
            Set<String> operationIds = new HashSet<>();
            int operations = 0;
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").properties().iterator(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                assertTrue(reference.contains(path.getKey().replace("{", "{")), "the reference page lists " + path.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().properties().iterator(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    operations++;
                    assertTrue(operationIds.add(op.getValue().get("operationId").asText()), "operation ids are unique");
                    assertTrue(op.getValue().get("responses").has("401"), "errors are described");
                    String concrete = path.getKey();
                    for (var v : pathValues.entrySet()) {
                        concrete = concrete.replace(v.getKey(), v.getValue());
                    }
                    if (concrete.startsWith("/api/enterprises/")) {
                        concrete = "/api/enterprises/" + URLEncoder.encode(enterpriseId, StandardCharsets.UTF_8);
                    }
                    if (concrete.startsWith("/api/sources/")) {
                        concrete = concrete.replace("/api/sources/" + alertId, "/api/sources/none").replace("acknowledge", "pause");
                    }
                    String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                    HttpResponse<String> r = send(method, concrete, admin, "", "application/x-www-form-urlencoded");
                    assertTrue(r.statusCode() < 500, method + " " + concrete + " → " + r.statusCode() + " " + r.body());
                    assertFalse(r.body().contains("no such endpoint"), method + " " + concrete + " exists");
                }
            }
            assertTrue(operations >= 18, "operations: " + operations);
            HttpResponse<String> unknown = send("GET", "/api/nope", admin, null, null);
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().contains("no such endpoint"));

            // Search: facets, escaped snippets.
            JsonNode search = JSON.readTree(send("GET", "/api/search?q=" + URLEncoder.encode("欠薪 OR 拖欠", StandardCharsets.UTF_8),
                    viewer, null, null).body());
            assertEquals(1, search.get("total").asInt(), search.toString());
            assertTrue(search.at("/items/0/snippetHtml").asText().contains("<mark>"), search.toString());
            assertTrue(search.get("facets").has("enterprise"), search.toString());
            assertEquals(400, send("GET", "/api/search?q=" + URLEncoder.encode("AND (", StandardCharsets.UTF_8), viewer, null, null).statusCode());

            // Enterprises and the risk index.
            JsonNode list = JSON.readTree(send("GET", "/api/enterprises?q=恒达".replace("恒达", URLEncoder.encode("恒达", StandardCharsets.UTF_8)),
                    viewer, null, null).body());
            assertEquals(1, list.get("total").asInt());
            JsonNode one = JSON.readTree(send("GET", "/api/enterprises/" + URLEncoder.encode(enterpriseId, StandardCharsets.UTF_8),
                    viewer, null, null).body());
            assertEquals(30, one.get("riskIndex").size());
            assertTrue(one.get("riskIndex").get(29).get("riskIndex").asDouble() > 0, one.toString());
            assertEquals(404, send("GET", "/api/enterprises/nobody", viewer, null, null).statusCode());

            // Watchlist: admins only.
            assertEquals(403, send("GET", "/api/watchlist.csv", viewer, null, null).statusCode());
            assertTrue(send("GET", "/api/watchlist.csv", admin, null, null).body().contains("青州恒达建设集团有限公司"));
            assertEquals(403, send("POST", "/api/watchlist", viewer, "name\n青州禾丰农业有限公司\n", "text/csv").statusCode());
            HttpResponse<String> imported = send("POST", "/api/watchlist", admin, "name,shortNames\n青州禾丰农业有限公司,禾丰农业\n", "text/csv");
            assertEquals(200, imported.statusCode(), imported.body());
            assertEquals(1, JSON.readTree(imported.body()).get("added").asInt());
            assertTrue(service.watchlist().stream().anyMatch(e -> e.name().equals("青州禾丰农业有限公司")));
            assertEquals(400, send("POST", "/api/watchlist", admin, "nmae\nx\n", "text/csv").statusCode());

            // Silences: a desk member's covers its own desk; a viewer may not.
            HttpResponse<String> silence = send("POST", "/api/silences", desk,
                    "enterprise=" + URLEncoder.encode(enterpriseId, StandardCharsets.UTF_8) + "&hours=24&comment=dup", "application/x-www-form-urlencoded");
            assertEquals(201, silence.statusCode(), silence.body());
            assertEquals("unitedfront", JSON.readTree(silence.body()).get("desk").asText());
            assertEquals(400, send("POST", "/api/silences", admin, "hours=24&comment=", "application/x-www-form-urlencoded").statusCode());
            assertEquals(403, send("POST", "/api/silences", viewer, "hours=24&comment=x&enterprise=a", "application/x-www-form-urlencoded").statusCode());
            long silenceId = JSON.readTree(silence.body()).get("id").asLong();
            assertEquals(1, JSON.readTree(send("GET", "/api/silences", viewer, null, null).body()).get("items").size());
            assertEquals(200, send("POST", "/api/silences/" + silenceId + "/expire", admin, "", "application/x-www-form-urlencoded").statusCode());
            assertEquals(0, JSON.readTree(send("GET", "/api/silences", viewer, null, null).body()).get("items").size());

            // Outbox: not for desk members; escalations readable.
            assertEquals(403, send("GET", "/api/outbox", desk, null, null).statusCode());
            assertTrue(JSON.readTree(send("GET", "/api/outbox", viewer, null, null).body()).get("items").size() > 0);
            assertEquals(200, send("GET", "/api/escalations", desk, null, null).statusCode());
            assertNotEquals(200, send("GET", "/api/escalations", null, null, null).statusCode(), "anonymous: 401");
        }
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String type) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
