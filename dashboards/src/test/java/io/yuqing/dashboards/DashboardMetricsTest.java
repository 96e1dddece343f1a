package io.yuqing.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.app.cli.DemoCommand;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.config.YuqingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the service on the demo site, scrapes what it exports, and checks that every metric each dashboard panel's
 * query uses is exported. A renamed metric breaks this test, not the dashboard in production.
 */
class DashboardMetricsTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:yuqing|jvm|process|system)_[a-zA-Z0-9_:]+)");
    private static Set<String> exported;

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @BeforeAll
    static void scrapeRunningService(@TempDir Path data) throws Exception {
        PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
        // A second site whose list links to a deleted article, so the failure series exist as on any real day.
        HttpServer broken = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        broken.createContext("/", exchange -> {
            boolean list = exchange.getRequestURI().getPath().equals("/list.html");
            byte[] body = (list ? "<html><body><a href=\"/deleted.html\">已删除的文章</a></body></html>" : "gone")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(list ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        broken.start();
        try (DemoSite site = DemoSite.start(Clock.systemUTC())) {
            YuqingConfig demo = DemoCommand.demoConfig(site.baseUrl(), data, 0, "127.0.0.1:" + SMTP.getSmtp().getPort());
            List<SourceConfig> sources = new ArrayList<>(demo.sources());
            sources.add(new SourceConfig("broken", "已下线的频道", SourceConfig.Kind.HTML_LIST,
                    "http://127.0.0.1:" + broken.getAddress().getPort() + "/list.html", Duration.ofMinutes(5), null, null, true));
            scrape(registry, demo.withSources(sources));
        } finally {
            broken.stop(0);
        }
    }

    private static void scrape(PrometheusMeterRegistry registry, YuqingConfig config) throws Exception {
        try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), registry)) {
            service.crawlOnce();
            exported = new HashSet<>();
            for (String line : registry.scrape().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    exported.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
    }

    static List<Path> dashboards() throws IOException {
        Path dir = Path.of("grafana", "dashboards");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyPanelQueryUsesExportedMetrics() throws IOException {
        List<Path> files = dashboards();
        assertFalse(files.isEmpty(), "dashboards exist");
        List<String> missing = new ArrayList<>();
        int queries = 0;
        for (Path file : files) {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            for (JsonNode panel : panels(root)) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText("");
                    if (expr.isEmpty()) {
                        continue;
                    }
                    queries++;
                    Matcher m = METRIC.matcher(expr);
                    while (m.find()) {
                        if (!exported.contains(m.group(1))) {
                            missing.add(file.getFileName() + " / " + panel.path("title").asText() + ": " + m.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(queries >= 8, "the dashboards have real queries, found " + queries);
        assertTrue(missing.isEmpty(), "panels query metrics the service does not export: " + missing);
    }

    @Test
    void everyAlertingRuleUsesExportedMetrics() throws IOException {
        JsonNode rules = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(Path.of("prometheus", "yuqing-rules.yml").toFile());
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                count++;
                Matcher m = METRIC.matcher(rule.path("expr").asText());
                while (m.find()) {
                    if (!exported.contains(m.group(1))) {
                        missing.add(rule.path("alert").asText() + ": " + m.group(1));
                    }
                }
            }
        }
        assertTrue(count >= 5, "rules exist");
        assertTrue(missing.isEmpty(), "rules use metrics the service does not export: " + missing);
    }

    private static List<JsonNode> panels(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : root.path("panels")) {
            out.add(p);
            // rows carry their collapsed panels inside
            p.path("panels").forEach(out::add);
        }
        return out;
    }
}
