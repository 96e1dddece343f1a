package io.yuqing.crawler;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentIds;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.core.pipeline.SinkUnavailableException;
import io.yuqing.crawler.extract.ArticleExtractor;
import io.yuqing.crawler.extract.Extraction;
import io.yuqing.crawler.fetch.FetchRequest;
import io.yuqing.crawler.fetch.FetchResult;
import io.yuqing.crawler.fetch.HttpFetcher;
import io.yuqing.crawler.source.FeedParser;
import io.yuqing.crawler.source.ListPageParser;
import io.yuqing.crawler.source.SitemapParser;
import io.yuqing.crawler.source.SourceLink;
import io.yuqing.crawler.source.SourceParse;
import io.yuqing.crawler.recheck.RecheckStore;
import io.yuqing.crawler.recheck.Rechecker;
import io.yuqing.crawler.state.CrawlStateException;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.state.SourceBackoff;
import io.yuqing.crawler.state.SourceState;
import io.yuqing.crawler.url.UrlCanonicalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One crawl cycle of one source: fetch the feed or list page, find article links not seen before, fetch and read at
 * most {@code maxNewItemsPerCycle} of them and hand each to the sink. A URL counts as seen only once the sink has
 * taken its document; articles that can never succeed (404, robots, too large) are recorded so they are not fetched
 * again, while retryable failures (timeouts, 5xx) are tried again next cycle.
 */
public final class Crawler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final CrawlerConfig config;
    private final CrawlStateStore state;
    private final Clock clock;
    private final CrawlMetrics metrics;
    private final HttpFetcher fetcher;
    private final SourceBackoff backoff;
    private final Rechecker rechecks;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final FeedParser feedParser = new FeedParser();
    private final ListPageParser listPageParser = new ListPageParser();
    private final SitemapParser sitemapParser = new SitemapParser();
    /** Child sitemaps read from one sitemap index per cycle; news sites list the newest first. */
    static final int MAX_CHILD_SITEMAPS = 10;

    public Crawler(CrawlerConfig config, CrawlStateStore state, Clock clock, MeterRegistry meters) {
        this(config, state, clock, meters, new HttpFetcher(config, clock));
    }

    /** With a fetcher built elsewhere, e.g. one whose politeness gate waits on a test clock. */
    public Crawler(CrawlerConfig config, CrawlStateStore state, Clock clock, MeterRegistry meters, HttpFetcher fetcher) {
        this(config, state, clock, meters, fetcher, SourceBackoff.DEFAULT);
    }

    /** With a backoff policy for failing sources other than {@link SourceBackoff#DEFAULT}. */
    public Crawler(CrawlerConfig config, CrawlStateStore state, Clock clock, MeterRegistry meters, HttpFetcher fetcher,
                   SourceBackoff backoff) {
        this.backoff = backoff;
        this.config = config;
        this.state = state;
        this.clock = clock;
        this.metrics = new CrawlMetrics(meters);
        this.fetcher = fetcher;
        this.rechecks = new Rechecker(config.recheck(), new RecheckStore(state.dataSource()),
                (source, url) -> timedFetch(source, FetchRequest.of(url, source.allowPrivateNetwork())), clock, meters);
    }

    public CycleReport crawl(SourceConfig source, DocumentSink sink) {
        Instant started = clock.instant();
        List<String> problems = new ArrayList<>();
        try {
            CycleReport report = runCycle(source, new FreshnessSink(source.id(), sink, metrics, rechecks), started, problems);
            SourceState after = state.sourceState(source.id());
            if (!report.deferred() && after.consecutiveFailures() == 0) {
                // Stored articles due for a re-check (edits, 删帖), after the new items, politely like any fetch; not
                // while the source itself fails, when they would only time out one after another.
                rechecks.run(source, sink);
            }
            boolean failing = after.failing();
            return failing == report.sourceFailing() ? report : new CycleReport(report.sourceId(), report.linksFound(),
                    report.newDocuments(), report.failures(), report.problems(), report.took(), failing, report.deferredUntil());
        } catch (CrawlStateException e) {
            log.error("source {}: crawl state unavailable, cycle stopped: {}", source.id(), e.getMessage());
            problems.add("crawl state database: " + e.getMessage());
            return new CycleReport(source.id(), 0, 0, 1, problems, Duration.between(started, clock.instant()));
        } finally {
            metrics.cycle(source.id());
        }
    }

    private CycleReport runCycle(SourceConfig source, DocumentSink sink, Instant started, List<String> problems) {
        SourceState before = state.sourceState(source.id());
        Optional<Instant> resting = backoff.deferredUntil(before, started)
                .or(() -> fetcher.hostPausedUntil(source.url()));
        if (resting.isPresent()) {
            // Not a new failure: the source is resting after failures, or its host asked for a pause.
            String message = "source not attempted before " + resting.get() + " (" + (before.consecutiveFailures() > 0
                    ? before.consecutiveFailures() + " failed cycles in a row" : "the site asked us to wait") + ")";
            log.info("source {}: {}", source.id(), message);
            problems.add(message);
            return new CycleReport(source.id(), 0, 0, 0, problems, Duration.between(started, clock.instant()),
                    before.failing(), resting.get());
        }
        FetchResult page = timedFetch(source, new FetchRequest(source.url(), source.allowPrivateNetwork(),
                before.etag(), before.lastModified()));
        List<SourceLink> links;
        switch (page) {
            case FetchResult.NotModified n -> {
                state.recordSuccess(source.id(), clock.instant(), before.etag(), before.lastModified());
                log.debug("source {}: unchanged since last cycle", source.id());
                return new CycleReport(source.id(), 0, 0, 0, problems, Duration.between(started, clock.instant()));
            }
            case FetchResult.Failed f -> {
                String message = "source page " + source.url() + ": " + f.message();
                state.recordFailure(source.id(), clock.instant(), message);
                log.warn("source {}: {}", source.id(), message);
                problems.add(message);
                return new CycleReport(source.id(), 0, 0, 1, problems, Duration.between(started, clock.instant()));
            }
            case FetchResult.Fetched fetched -> {
                SourceParse parsed = switch (source.kind()) {
                    case RSS -> feedParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
                    case HTML_LIST -> listPageParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl(),
                            source.linkSelector(), source.linkPattern());
                    case SITEMAP -> sitemapLinks(source, fetched, problems);
                };
                switch (parsed) {
                    case SourceParse.Unreadable u -> {
                        String message = "source page " + source.url() + ": " + u.message();
                        state.recordFailure(source.id(), clock.instant(), message);
                        log.warn("source {}: {}", source.id(), message);
                        problems.add(message);
                        return new CycleReport(source.id(), 0, 0, 1, problems, Duration.between(started, clock.instant()));
                    }
                    case SourceParse.Links l -> links = l.links();
                }
                state.recordSuccess(source.id(), clock.instant(), fetched.etag(), fetched.lastModified());
            }
        }

        Map<String, SourceLink> candidates = new LinkedHashMap<>();
        for (SourceLink link : links) {
            UrlCanonicalizer.canonicalize(link.url()).ifPresent(url -> candidates.putIfAbsent(url, link));
        }
        Set<String> seen = state.seenAmong(candidates.keySet());
        List<String> fresh = candidates.keySet().stream().filter(u -> !seen.contains(u)).limit(config.maxNewItemsPerCycle()).toList();

        int newDocuments = 0;
        int failures = 0;
        for (String url : fresh) {
            if (Thread.currentThread().isInterrupted()) {
                problems.add("cycle interrupted; remaining links wait for the next cycle");
                break;
            }
            Handled handled = handleArticle(source, url, candidates.get(url), sink, problems);
            switch (handled) {
                case TAKEN -> newDocuments++;
                case FAILED -> failures++;
                case SINK_DOWN -> failures++;
            }
            if (handled == Handled.SINK_DOWN) {
                problems.add("the pipeline is unavailable: the cycle stops here, the remaining articles wait for the next one");
                break;
            }
        }
        Duration took = Duration.between(started, clock.instant());
        log.info("source {}: {} links, {} new documents, {} failures in {} ms", source.id(), candidates.size(),
                newDocuments, failures, took.toMillis());
        return new CycleReport(source.id(), candidates.size(), newDocuments, failures, problems, took);
    }

    /** What became of one article: handed to the sink, not readable, or not taken because the sink is down. */
    private enum Handled { TAKEN, FAILED, SINK_DOWN }

    private Handled handleArticle(SourceConfig source, String url, SourceLink link, DocumentSink sink, List<String> problems) {
        ArticleFetch result = fetchAndExtract(source, url);
        switch (result) {
            case ArticleFetch.NotExtracted failed -> {
                metrics.documentFailed(source.id(), failed.reason());
                problems.add(url + ": " + failed.message());
                log.info("source {}: {} not read: {}", source.id(), url, failed.message());
                if (!failed.retryable()) {
                    state.markSeen(url, source.id(), failed.reason(), clock.instant());
                }
                return Handled.FAILED;
            }
            case ArticleFetch.Extracted extracted -> {
                Extraction x = extracted.extraction();
                String docUrl = x.url().isEmpty() ? url : x.url();
                if (!docUrl.equals(url) && state.isSeen(docUrl)) {
                    // Another link already brought this article (its canonical URL says so).
                    state.markSeen(url, source.id(), CrawlStateStore.STATUS_OK, clock.instant());
                    return Handled.FAILED;
                }
                Document doc = new Document(DocumentIds.forUrl(docUrl), docUrl, source.id(),
                        x.title().isEmpty() ? link.title() : x.title(), x.text(), x.author(), x.outlet(),
                        x.publishedAt() != null ? x.publishedAt().toInstant() : link.publishedAt(), clock.instant());
                try {
                    sink.accept(doc);
                } catch (SinkUnavailableException e) {
                    metrics.documentFailed(source.id(), "sink_unavailable");
                    problems.add(url + ": " + e.getMessage() + "; offered again next cycle");
                    log.warn("source {}: the pipeline is unavailable ({}); {} stays unseen", source.id(), e.getMessage(), url);
                    return Handled.SINK_DOWN;
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    metrics.documentFailed(source.id(), "sink_error");
                    problems.add(url + ": not taken by the pipeline (" + e + "); offered again next cycle");
                    log.error("source {}: sink refused {}; it stays unseen", source.id(), url, e);
                    return Handled.FAILED;
                }
                Instant now = clock.instant();
                state.markSeen(url, source.id(), CrawlStateStore.STATUS_OK, now);
                if (!docUrl.equals(url)) {
                    state.markSeen(docUrl, source.id(), CrawlStateStore.STATUS_OK, now);
                }
                metrics.documentFetched(source.id());
                return Handled.TAKEN;
            }
        }
    }

    /**
     * Fetches and reads one article page with the source's network settings, without recording anything in the
     * crawl state. Also the basis of "test this source" in the console or CLI.
     */
    /**
     * The article links of a sitemap source: a sitemap's own links, or those of the first {@link #MAX_CHILD_SITEMAPS}
     * sitemaps of a sitemap index. A child that fails is a problem of the cycle, not a failure of the source.
     */
    private SourceParse sitemapLinks(SourceConfig source, FetchResult.Fetched fetched, List<String> problems) {
        return switch (sitemapParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl())) {
            case SitemapParser.Result.Unreadable u -> new SourceParse.Unreadable(u.message());
            case SitemapParser.Result.Links l -> new SourceParse.Links(newestFirst(l.links()));
            case SitemapParser.Result.Index index -> {
                List<SourceLink> all = new java.util.ArrayList<>();
                for (String child : index.sitemapUrls().stream().limit(MAX_CHILD_SITEMAPS).toList()) {
                    FetchResult result = timedFetch(source, FetchRequest.of(child, source.allowPrivateNetwork()));
                    switch (result) {
                        case FetchResult.Fetched f -> {
                            switch (sitemapParser.parse(f.body(), f.contentType(), f.finalUrl())) {
                                case SitemapParser.Result.Links l -> all.addAll(l.links());
                                case SitemapParser.Result.Index nested -> problems.add(child + ": nested sitemap index not followed");
                                case SitemapParser.Result.Unreadable u -> problems.add(child + ": " + u.message());
                            }
                        }
                        case FetchResult.Failed f -> problems.add(child + ": " + f.message());
                        case FetchResult.NotModified n -> {
                        }
                    }
                }
                yield new SourceParse.Links(newestFirst(all));
            }
        };
    }

    /** Sitemaps list old and new pages alike: the newest come first so the per-cycle cap keeps the fresh ones. */
    private static List<SourceLink> newestFirst(List<SourceLink> links) {
        List<SourceLink> sorted = new java.util.ArrayList<>(links);
        sorted.sort(java.util.Comparator.comparing(SourceLink::publishedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
        return sorted;
    }

    public ArticleFetch fetchAndExtract(SourceConfig source, String url) {
        String canonical = UrlCanonicalizer.canonicalize(url).orElse(url);
        FetchResult result = timedFetch(source, FetchRequest.of(canonical, source.allowPrivateNetwork()));
        return switch (result) {
            case FetchResult.Failed f -> new ArticleFetch.NotExtracted(canonical, f.reason().code(), f.message(), f.retryable());
            case FetchResult.NotModified n -> new ArticleFetch.NotExtracted(canonical, "not_modified",
                    "server answered 304 to an unconditional request", true);
            case FetchResult.Fetched f -> {
                if (!looksLikeHtml(f)) {
                    yield new ArticleFetch.NotExtracted(canonical, "unsupported_content_type",
                            "not an HTML page (" + f.contentType() + ")", false);
                }
                Extraction x = extractor.extract(f.body(), f.contentType(),
                        UrlCanonicalizer.canonicalize(f.finalUrl()).orElse(f.finalUrl()), clock.instant());
                if (x.text().isBlank() && x.title().isBlank()) {
                    yield new ArticleFetch.NotExtracted(canonical, "empty_content", "no title and no text found", false);
                }
                yield new ArticleFetch.Extracted(x);
            }
        };
    }

    private FetchResult timedFetch(SourceConfig source, FetchRequest request) {
        Timer.Sample sample = metrics.startTimer();
        FetchResult result = fetcher.fetch(request);
        sample.stop(metrics.latency(source.id()));
        if (result instanceof FetchResult.Fetched f) {
            metrics.bytes(source.id(), f.body().length, f.wireBytes());
        }
        metrics.fetch(source.id(), switch (result) {
            case FetchResult.Fetched f -> "ok";
            case FetchResult.NotModified n -> "not_modified";
            case FetchResult.Failed f -> "failed";
        });
        return result;
    }

    private static boolean looksLikeHtml(FetchResult.Fetched f) {
        String type = f.contentType().toLowerCase(Locale.ROOT);
        if (type.isEmpty() || type.contains("html") || type.contains("xml") || type.startsWith("text/")) {
            return true;
        }
        // Some servers label pages application/octet-stream; the first bytes tell.
        int n = Math.min(f.body().length, 512);
        String start = new String(f.body(), 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head");
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
