package io.yuqing.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.crawler.state.SourceIntervalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sources page says how often each source is crawled now, and that adaptive recrawl chose it. */
class SourcesIntervalConsoleTest {
    @TempDir
    Path dir;

    @Test
    void theSourcesPageShowsTheAdaptedInterval() throws Exception {
        YuqingConfig config = new ConfigLoader().load("""
                dataDir: %s
                sources:
                  - id: busy
                    name: 青州新闻网
                    kind: rss
                    url: https://news.example.cn/rss.xml
                    every: 10m
                  - id: quiet
                    name: 青州日报
                    kind: rss
                    url: https://daily.example.cn/rss.xml
                    every: 10m
                """.formatted(dir.resolve("data")), "test.yml");
        try (ServiceFixture app = ServiceFixture.on(config).viewer().start()) {
            new SourceIntervalStore(app.service().database().dataSource()).save("busy", Duration.ofMinutes(10),
                    Duration.ofMinutes(5), Instant.now());
            PrometheusMeterRegistry registry = app.registry();
            ConsoleClient viewer = app.loggedIn("viewer");
            String page = viewer.get("/sources").body();
            assertTrue(page.contains("每 5m（随新闻多少自动调整，配置为每 10m）"), page);
            assertTrue(page.contains("<td>每 10m</td>"), "the quiet source still runs at its every: " + page);
            assertTrue(registry.scrape().contains("yuqing_crawler_source_interval_seconds{source=\"busy\"} 300.0"),
                    "the gauge agrees");
        }
    }
}
