package io.yuqing.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.yuqing.app.service.ServiceRunner;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.WatchlistConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.indexer.store.ElasticsearchTestNode;
import io.yuqing.indexer.store.IngestBench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * The sustained-load run (issue 7): a {@link SimulatedWeb} publishing {@code rate} new articles per second over
 * {@code hosts} loopback news sites, crawled by the whole service as it runs in production (Quartz schedules, one
 * source per site every second, crawl → match → score → index → alert), for {@code seconds}. Prints every 10 s the
 * articles published and indexed, the backlog and the heap; at the end throughput, alerts and time-to-alert (article
 * published → alert stored) percentiles, peak heap. Then the ingest comparison in the same run: raw smartcn, the
 * Lucene store and, when the Elasticsearch test distribution is in the local Maven repository, the Elasticsearch
 * store on a node started here, each as a ratio to raw smartcn ({@link IngestBench}).
 *
 * <p>Usage: {@code scripts/load-bench.sh [seconds=600] [rate=200] [hosts=8] [ingest-docs=3000]} (runs with -Xmx512m).
 */
public final class SustainedLoadBench {
    private static final int WATCHLIST = 2000;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);

    private SustainedLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        int hosts = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int ingestDocs = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        System.out.printf(Locale.ROOT, "sustained load: %d s at %.0f articles/s over %d sites, heap max %d MB, %d cores%n",
                seconds, rate, hosts, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        Path data = Files.createTempDirectory("yuqing-load");
        List<Enterprise> watchlist = watchlist(new Random(11));
        List<String> names = watchlist.stream().map(Enterprise::name).toList();
        try (SimulatedWeb web = SimulatedWeb.start(hosts, rate, names)) {
            StringBuilder sources = new StringBuilder();
            List<String> feeds = web.feedUrls();
            for (int h = 0; h < feeds.size(); h++) {
                sources.append("""
                          - id: site-%d
                            kind: rss
                            url: %s
                            every: 1s
                            allowPrivateNetwork: true
                        """.formatted(h, feeds.get(h)));
            }
            YuqingConfig config = new ConfigLoader().load("""
                    dataDir: %s
                    crawler:
                      politenessDelay: 0ms
                      readTimeout: 10s
                      maxNewItemsPerCycle: %d
                      # Every source is polled every second, as in the recorded runs (-Dbench.adaptive=true turns
                      # adaptive recrawl on: intervals stay at 1 s while the sites publish and grow only once they stop).
                      adaptive:
                        enabled: %s
                    desks:
                      - id: publicity
                        name: 宣传部
                        recipients: [xc@example.gov.cn]
                    sources:
                    %s""".formatted(data, SimulatedWeb.FEED_ITEMS, Boolean.getBoolean("bench.adaptive"), sources), "load.yml")
                    .withWatchlist(new WatchlistConfig("", watchlist, java.util.Map.of()));
            PrometheusMeterRegistry registry = ServiceRunner.newRegistry();
            try (YuqingService service = YuqingService.open(config, Clock.systemUTC(), registry)) {
                FunctionCounter indexed = registry.get("yuqing.documents.indexed").functionCounter();
                web.begin();
                long runStart = System.nanoTime();
                service.startBackground();
                System.out.println("   t s  published    indexed   backlog   alerts  heap MB");
                long maxBacklog = 0;
                long lastBacklog = 0;
                long next = runStart;
                while (System.nanoTime() - runStart < seconds * 1_000_000_000L) {
                    next += SAMPLE_EVERY.toNanos();
                    Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                    long published = web.published();
                    long done = (long) indexed.count();
                    lastBacklog = Math.max(0, published - done);
                    maxBacklog = Math.max(maxBacklog, lastBacklog);
                    System.out.printf(Locale.ROOT, "%6d %10d %10d %9d %8d %8d%n", (System.nanoTime() - runStart) / 1_000_000_000L,
                            published, done, lastBacklog, count(service, "SELECT COUNT(*) FROM alerts"), usedHeapMb());
                }
                double elapsed = (System.nanoTime() - runStart) / 1e9;
                long indexedInRun = (long) indexed.count();
                web.freeze();
                long publishedTotal = web.published();
                long drainStart = System.nanoTime();
                while (indexed.count() < publishedTotal && System.nanoTime() - drainStart < DRAIN_LIMIT.toNanos()) {
                    Thread.sleep(500);
                }
                double drained = (System.nanoTime() - drainStart) / 1e9;
                System.out.printf(Locale.ROOT, "published %d in %.0f s (%.1f/s); indexed %d in the run (%.1f/s); backlog at the end %d, "
                                + "largest %d; after publishing stopped, %d of %d indexed within %.0f s%n",
                        publishedTotal, elapsed, publishedTotal / elapsed, indexedInRun, indexedInRun / elapsed, lastBacklog,
                        maxBacklog, (long) indexed.count(), publishedTotal, drained);
                timeToAlert(service, web, publishedTotal);
                System.out.printf(Locale.ROOT, "peak heap %d MB (sum of heap pools' peaks), max %d MB%n", peakHeapMb(),
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        }
        if (ingestDocs < 1) {
            return; // the load run alone
        }
        System.out.println();
        System.out.println("ingest side by side, same run (" + ingestDocs + " generated documents)");
        Optional<Path> zip = ElasticsearchTestNode.distribution();
        if (zip.isPresent()) {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            try (ElasticsearchTestNode node = ElasticsearchTestNode.start(zip.get(), target)) {
                IngestBench.main(new String[]{Integer.toString(ingestDocs), node.uri().toString(), "8"});
            }
        } else {
            IngestBench.main(new String[]{Integer.toString(ingestDocs), "-", "8"});
        }
    }

    private static void timeToAlert(YuqingService service, SimulatedWeb web, long published) throws Exception {
        List<Long> millis = new ArrayList<>();
        try (Connection c = service.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT url, created_at FROM alerts");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long i = SimulatedWeb.articleNumber(rs.getString(1));
                if (i >= 0) {
                    Instant created = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    millis.add(Duration.between(web.publishedAt(i), created).toMillis());
                }
            }
        }
        long risky = 0;
        for (long i = 0; i < published; i++) {
            risky += SimulatedWeb.risky(i) ? 1 : 0;
        }
        millis.sort(null);
        if (millis.isEmpty()) {
            System.out.println("no alerts raised");
            return;
        }
        System.out.printf(Locale.ROOT, "alerts %d for %d risky articles published; time to alert (published → alert stored): "
                        + "p50 %.1f s, p90 %.1f s, p99 %.1f s, max %.1f s%n", millis.size(), risky,
                pct(millis, 0.50) / 1e3, pct(millis, 0.90) / 1e3, pct(millis, 0.99) / 1e3, millis.getLast() / 1e3);
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static long count(YuqingService service, String sql) {
        try (Connection c = service.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static long usedHeapMb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static List<Enterprise> watchlist(Random random) {
        String han = "安宝北辰达东方丰广海恒宏华汇嘉金锦京凯联隆美明南鹏青荣瑞盛泰天通万伟祥新信兴旭阳怡永裕远跃正中众卓";
        List<Enterprise> out = new ArrayList<>(WATCHLIST);
        java.util.Set<String> used = new java.util.HashSet<>();
        while (out.size() < WATCHLIST) {
            StringBuilder core = new StringBuilder();
            for (int c = 0; c < 4; c++) {
                core.append(han.charAt(random.nextInt(han.length())));
            }
            if (used.add(core.toString())) {
                out.add(new Enterprise("g" + out.size(), "青州" + core + "实业有限公司", List.of(core + "实业"), List.of(), "", "", ""));
            }
        }
        return out;
    }
}
