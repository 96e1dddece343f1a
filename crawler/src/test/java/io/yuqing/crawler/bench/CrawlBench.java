package io.yuqing.crawler.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.support.Pages;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 200-host crawl benchmark (issue 3): a simulated web of {@code hosts} sites on loopback, each on its own address
 * 127.0.0.2, 127.0.0.3, … (distinct hosts to the crawler's politeness gate), each with robots.txt, an RSS feed and
 * {@code articles} article pages answering after a realistic delay. Every source is crawled once, all at the same
 * time, at the default politeness (one connection per host, 1 s between requests), extraction included. Prints
 * pages/s against the politeness bound (hosts × 1 page/s), what the servers saw of politeness (most concurrent
 * requests to one host, shortest gap between two), peak platform threads, heap, and the time to crawl everything.
 *
 * <p>Run: {@code java -Xmx512m -cp <test classpath> io.yuqing.crawler.bench.CrawlBench [hosts] [articles] [minDelayMs]
 * [maxDelayMs] [politenessMs]}.
 */
public final class CrawlBench {

    /** One simulated site, and what it observed of our requests. */
    static final class Site implements AutoCloseable {
        final HttpServer server;
        final String host;
        final int articles;
        final int minDelayMs;
        final int maxDelayMs;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        /**
         * When the last response started to be written (nanoTime), and the shortest gap from there to the next request.
         * The crawler cannot have had a response before it was written, so a gap under the politeness delay here is a
         * certain violation; a thread of this server descheduled under load cannot fake one (it can only widen gaps).
         */
        final AtomicLong lastResponseStart = new AtomicLong(Long.MIN_VALUE);
        final AtomicLong minGapNanos = new AtomicLong(Long.MAX_VALUE);

        /** Forgets what the warm-up round did, so the measured round's figures are its own. */
        void reset() {
            maxInFlight.set(0);
            requests.set(0);
            lastResponseStart.set(Long.MIN_VALUE);
            minGapNanos.set(Long.MAX_VALUE);
        }

        Site(int index, int articles, int minDelayMs, int maxDelayMs) throws IOException {
            this.host = "127.0." + (index / 250) + "." + (2 + index % 250);
            this.articles = articles;
            this.minDelayMs = minDelayMs;
            this.maxDelayMs = maxDelayMs;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", this::handle);
            server.start();
        }

        String base() {
            return "http://" + host + ":" + server.getAddress().getPort();
        }

        private void handle(HttpExchange ex) throws IOException {
            long start = System.nanoTime();
            requests.incrementAndGet();
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            long previousStart = lastResponseStart.get();
            if (previousStart != Long.MIN_VALUE) {
                minGapNanos.accumulateAndGet(start - previousStart, Math::min);
            }
            try (ex) {
                Thread.sleep(ThreadLocalRandom.current().nextInt(minDelayMs, maxDelayMs + 1));
                String path = ex.getRequestURI().getPath();
                if (path.equals("/robots.txt")) {
                    send(ex, 200, "text/plain", "User-agent: *\nAllow: /\n");
                } else if (path.equals("/rss.xml")) {
                    send(ex, 200, "application/rss+xml; charset=utf-8", feed());
                } else if (path.startsWith("/a/")) {
                    send(ex, 200, "text/html; charset=utf-8", Pages.article(host + " 第" + path.substring(3) + "篇 企业新闻",
                            "<meta charset=\"utf-8\">", paragraphs(path)));
                } else {
                    send(ex, 404, "text/plain", "not found");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        private String feed() {
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < articles; i++) {
                items.append("<item><title>新闻").append(i).append("</title><link>").append(base()).append("/a/").append(i)
                        .append(".html</link><pubDate>Sun, 24 Nov 2024 06:52:00 GMT</pubDate></item>");
            }
            return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + host + "</title><link>"
                    + base() + "/</link>" + items + "</channel></rss>";
        }

        /** Article text unique to the host and page, so nothing is deduplicated away. */
        private String[] paragraphs(String path) {
            String[] out = Pages.PARAGRAPHS.clone();
            out[0] = "（" + host + path + "）" + out[0];
            return out;
        }

        private void send(HttpExchange ex, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            lastResponseStart.set(System.nanoTime());
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            // The simulated sites' server threads must not keep the JVM alive after a failure.
            System.exit(0);
        }
    }

    private static void run(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int articles = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int minDelay = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int maxDelay = args.length > 3 ? Integer.parseInt(args[3]) : 150;
        Duration politeness = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 1000);
        boolean warmUp = args.length <= 5 || !args[5].equals("cold");

        List<Site> sites = new ArrayList<>();
        try {
            for (int i = 0; i < hosts; i++) {
                sites.add(new Site(i, articles, minDelay, maxDelay));
            }
            CrawlerConfig config = new CrawlerConfig("YuqingBot/0.1 (bench)", Duration.ofSeconds(10), Duration.ofSeconds(20),
                    5 * 1024 * 1024, 5, politeness, Math.max(50, articles));
            List<SourceConfig> sources = new ArrayList<>();
            for (Site site : sites) {
                sources.add(new SourceConfig("site-" + site.host.replace('.', '-'), site.host, SourceConfig.Kind.RSS,
                        site.base() + "/rss.xml", Duration.ofMinutes(10), "", "", true));
            }
            if (warmUp) {
                // One full round first, on its own crawl state, so the measured round runs JIT-compiled code.
                crawlAll(config, sources, new AtomicInteger());
                sites.forEach(Site::reset);
                System.out.println("warm-up round done");
            }
            measure(config, sources, sites, politeness);
        } finally {
            sites.forEach(Site::close);
        }
    }

    private static void measure(CrawlerConfig config, List<SourceConfig> sources, List<Site> sites, Duration politeness)
            throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong peakHeap = new AtomicLong();
        AtomicInteger documents = new AtomicInteger();
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        // The simulated web's own threads (a dispatcher per site) are there before the crawl starts.
        int threadsBefore = threads.getThreadCount();
        threads.resetPeakThreadCount();
        long cpuBefore = os.getProcessCpuTime();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        List<CycleReport> cycles = crawlAll(config, sources, documents);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        sampler.interrupt();
        int failures = cycles.stream().mapToInt(CycleReport::failures).sum();
        int pages = sites.stream().mapToInt(s -> s.requests.get()).sum();
        int maxInFlight = sites.stream().mapToInt(s -> s.maxInFlight.get()).max().orElse(0);
        double minGapMs = sites.stream().mapToLong(s -> s.minGapNanos.get()).min().orElse(0) / 1e6;
        double bound = sites.size() * 1000.0 / politeness.toMillis();
        Site first = sites.getFirst();
        System.out.printf(Locale.ROOT, "hosts %d, articles per host %d, response delay %d–%d ms, politeness %d ms%n",
                sites.size(), first.articles, first.minDelayMs, first.maxDelayMs, politeness.toMillis());
        System.out.printf(Locale.ROOT, "requests %d (robots, feed, articles), documents %d, failures %d%n",
                pages, documents.get(), failures);
        System.out.printf(Locale.ROOT, "time to crawl all: %.1f s; %.1f pages/s = %.1f %% of the politeness bound (%.0f pages/s)%n",
                seconds, pages / seconds, 100 * pages / seconds / bound, bound);
        System.out.printf(Locale.ROOT, "politeness seen by the servers: at most %d concurrent request(s) per host; "
                + "shortest gap from the start of a response to the next request to that host %.0f ms%n", maxInFlight, minGapMs);
        System.out.printf(Locale.ROOT, "CPU used %.1f s (%.2f ms per request, simulated sites included) on %d cores; load average %.1f%n",
                cpuSeconds, 1000 * cpuSeconds / pages, os.getAvailableProcessors(), os.getSystemLoadAverage());
        System.gc();
        System.out.printf(Locale.ROOT, "platform threads: %d before the crawl (the simulated web), peak %d during it; "
                        + "heap before %.0f MB, peak %.0f MB, after GC %.0f MB (max %d MB)%n",
                threadsBefore, threads.getPeakThreadCount(), heapBefore / 1e6, peakHeap.get() / 1e6,
                memory.getHeapMemoryUsage().getUsed() / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** Crawls every source once, all at the same time, each cycle on its own virtual thread, on a fresh crawl state. */
    private static List<CycleReport> crawlAll(CrawlerConfig config, List<SourceConfig> sources, AtomicInteger documents)
            throws Exception {
        try (Database db = new Database("jdbc:h2:mem:bench" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")) {
            db.migrate(CrawlStateStore.MIGRATIONS);
            try (Crawler crawler = new Crawler(config, new CrawlStateStore(db.dataSource()), Clock.systemUTC(),
                    new SimpleMeterRegistry())) {
                List<Future<CycleReport>> cycles = new ArrayList<>();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    for (SourceConfig source : sources) {
                        cycles.add(pool.submit(() -> crawler.crawl(source, doc -> documents.incrementAndGet())));
                    }
                }
                List<CycleReport> reports = new ArrayList<>();
                for (Future<CycleReport> f : cycles) {
                    reports.add(f.get());
                }
                return reports;
            }
        }
    }

    private CrawlBench() {
    }
}
