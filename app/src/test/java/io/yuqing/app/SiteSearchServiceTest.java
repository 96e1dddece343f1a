package io.yuqing.app;

import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.CycleReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service gives site-search sources the watchlist's full names, including names imported after start. */
class SiteSearchServiceTest {
    @TempDir
    Path dir;

    @Test
    void theServiceSearchesForTheWatchlistsFullNames() throws Exception {
        List<String> searched = new CopyOnWriteArrayList<>();
        try (LoopbackSite site = LoopbackSite.start(ex -> {
            if (ex.getRequestURI().getPath().equals("/search")) {
                searched.add(URLDecoder.decode(ex.getRequestURI().getRawQuery().substring(2), StandardCharsets.UTF_8));
                return LoopbackSite.Reply.html("<html><body>没有找到相关结果</body></html>");
            }
            return LoopbackSite.Reply.notFound();
        })) {
            YuqingConfig config = new ConfigLoader().load("""
                    dataDir: %s
                    crawler:
                      politenessDelay: 0ms
                    watchlist:
                      enterprises:
                        - name: 青州云帆科技有限公司
                          shortNames: [云帆科技]
                    sources:
                      - id: search
                        kind: site-search
                        url: http://127.0.0.1:%d/search?q={query}
                        allowPrivateNetwork: true
                    """.formatted(dir.resolve("data"), site.port()), "search.yml");
            AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-24T02:00:00Z"));
            try (YuqingService service = YuqingService.open(config, clock, ServiceRunner.newRegistry())) {
                List<CycleReport> first = service.crawlOnce();
                assertEquals(List.of("青州云帆科技有限公司"), searched, "the full name, not the short one");
                assertEquals(0, first.getFirst().failures(), first.getFirst().problems().toString());

                service.watchlistRepository().upsertAll(List.of(new Enterprise(null, "青州鼎盛食品有限公司",
                        List.of("鼎盛食品"), List.of(), "", "", "")));
                service.reloadWatchlist();
                searched.clear();
                service.crawlOnce();
                assertEquals(List.of("青州云帆科技有限公司", "青州鼎盛食品有限公司"), searched);
            }
        }
    }
}
