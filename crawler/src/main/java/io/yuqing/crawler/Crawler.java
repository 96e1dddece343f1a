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
import io.yuqing.crawler.extract.ProfileExtractor;
import io.yuqing.crawler.source.ForumPost;
import io.yuqing.crawler.source.ForumThreadParser;
import io.yuqing.crawler.source.JsonApiParser;
import io.yuqing.crawler.source.JsonItem;
import io.yuqing.crawler.source.SearchUrls;
import io.yuqing.crawler.source.SourceSelectors;
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
    private final ProfileExtractor profileExtractor = new ProfileExtractor();
    private final ForumThreadParser forumParser = new ForumThreadParser();
    private final JsonApiParser jsonParser = new JsonApiParser();
    private final ProfileFallbacks profileFallbacks = new ProfileFallbacks();
    private final SourceInputs inputs;
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
        this(config, state, clock, meters, fetcher, backoff, SourceInputs.defaults());
    }

    /** With search terms (site-search sources), a place to keep search turns and an environment for header values. */
    public Crawler(CrawlerConfig config, CrawlStateStore state, Clock clock, MeterRegistry meters, SourceInputs inputs) {
        this(config, state, clock, meters, new HttpFetcher(config, clock), SourceBackoff.DEFAULT, inputs);
    }

    public Crawler(CrawlerConfig config, CrawlStateStore state, Clock clock, MeterRegistry meters, HttpFetcher fetcher,
                   SourceBackoff backoff, SourceInputs inputs) {
        this.inputs = inputs;
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
        // Hand-overs may run on several threads (Handoff): they add their problems here.
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            profileFallbacks.begin(source.id());
            CycleReport report = withProfileFallbacks(source,
                    runCycle(source, new FreshnessSink(source.id(), sink, metrics, rechecks), started, problems));
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
                .or(() -> fetcher.hostPausedUntil(source.url().replace(SourceConfig.QUERY_PLACEHOLDER, "")));
        if (resting.isPresent()) {
            // Not a new failure: the source is resting after failures, or its host asked for a pause.
            String message = "source not attempted before " + resting.get() + " (" + (before.consecutiveFailures() > 0
                    ? before.consecutiveFailures() + " failed cycles in a row" : "the site asked us to wait") + ")";
            log.info("source {}: {}", source.id(), message);
            problems.add(message);
            return new CycleReport(source.id(), 0, 0, 0, problems, Duration.between(started, clock.instant()),
                    before.failing(), resting.get());
        }
        SourceHeaders.Result resolved = SourceHeaders.resolve(source, inputs.environment());
        Optional<String> unusable = SourceSelectors.problem(source)
                .or(() -> resolved instanceof SourceHeaders.Result.Missing m
                        ? Optional.of("source '" + source.id() + "': " + m.message()) : Optional.empty());
        if (unusable.isPresent()) {
            return sourceFailed(source, unusable.get(), started, problems);
        }
        Map<String, String> headers = resolved instanceof SourceHeaders.Result.Headers h ? h.values() : Map.of();
        switch (source.kind()) {
            case SITE_SEARCH -> {
                return searchCycle(source, sink, started, problems, headers);
            }
            case FORUM -> {
                return forumCycle(source, sink, started, problems, before, headers);
            }
            case JSON_API -> {
                return jsonApiCycle(source, sink, started, problems, before, headers);
            }
            case RSS, HTML_LIST, SITEMAP -> {
            }
        }
        FetchResult page = timedFetch(source, new FetchRequest(source.url(), source.allowPrivateNetwork(),
                before.etag(), before.lastModified(), headers));
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
                    case SITE_SEARCH, FORUM, JSON_API -> throw new IllegalStateException("read by their own cycles above");
                };
                switch (parsed) {
                    case SourceParse.Unreadable u -> {
                        String message = "source page " + source.url() + ": " + u.message();
                        state.recordFailure(source.id(), clock.instant(), message);
                        log.warn("source {}: {}", source.id(), message);
                        problems.add(message);
                        return new CycleReport(source.id(), 0, 0, 1, problems, Duration.between(started, clock.instant()));
                    }
                    case SourceParse.Links l -> links = source.listPages() > 1
                            ? followListPages(source, fetched, l.links(), headers, problems) : l.links();
                }
                state.recordSuccess(source.id(), clock.instant(), fetched.etag(), fetched.lastModified());
            }
        }

        return readNewArticles(source, links, sink, started, problems);
    }


    private Handoff.Outcome handOver(SourceConfig source, String url, SourceLink link, ArticleFetch result, DocumentSink sink,
                                     List<String> problems) {
        switch (result) {
            case ArticleFetch.NotExtracted failed -> {
                metrics.documentFailed(source.id(), failed.reason());
                problems.add(url + ": " + failed.message());
                log.info("source {}: {} not read: {}", source.id(), url, failed.message());
                if (!failed.retryable()) {
                    state.markSeen(url, source.id(), failed.reason(), clock.instant());
                }
                return Handoff.Outcome.FAILED;
            }
            case ArticleFetch.Extracted extracted -> {
                Extraction x = extracted.extraction();
                String docUrl = x.url().isEmpty() ? url : x.url();
                if (!docUrl.equals(url) && state.isSeen(docUrl)) {
                    // Another link already brought this article (its canonical URL says so).
                    state.markSeen(url, source.id(), CrawlStateStore.STATUS_OK, clock.instant());
                    return Handoff.Outcome.FAILED;
                }
                Document doc = new Document(DocumentIds.forUrl(docUrl), docUrl, source.id(),
                        x.title().isEmpty() ? link.title() : x.title(), x.text(), x.author(), x.outlet(),
                        x.publishedAt() != null ? x.publishedAt().toInstant() : link.publishedAt(), clock.instant());
                try {
                    if (extracted.sanitizedHtml().isEmpty()) {
                        sink.accept(doc);
                    } else {
                        sink.accept(doc, new io.yuqing.core.model.PageCopy(url, extracted.sanitizedHtml(), doc.fetchedAt()));
                    }
                } catch (SinkUnavailableException e) {
                    metrics.documentFailed(source.id(), "sink_unavailable");
                    problems.add(url + ": " + e.getMessage() + "; offered again next cycle");
                    log.warn("source {}: the pipeline is unavailable ({}); {} stays unseen", source.id(), e.getMessage(), url);
                    return Handoff.Outcome.SINK_DOWN;
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    metrics.documentFailed(source.id(), "sink_error");
                    problems.add(url + ": not taken by the pipeline (" + e + "); offered again next cycle");
                    log.error("source {}: sink refused {}; it stays unseen", source.id(), url, e);
                    return Handoff.Outcome.FAILED;
                }
                Instant now = clock.instant();
                state.markSeen(url, source.id(), CrawlStateStore.STATUS_OK, now);
                if (!docUrl.equals(url)) {
                    state.markSeen(docUrl, source.id(), CrawlStateStore.STATUS_OK, now);
                }
                metrics.documentFetched(source.id());
                return Handoff.Outcome.TAKEN;
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
                var page = extractor.extractPage(f.body(), f.contentType(),
                        UrlCanonicalizer.canonicalize(f.finalUrl()).orElse(f.finalUrl()), clock.instant());
                Extraction x = withProfile(source, f, page.extraction());
                if (x.text().isBlank() && x.title().isBlank()) {
                    yield new ArticleFetch.NotExtracted(canonical, "empty_content", "no title and no text found", false);
                }
                yield new ArticleFetch.Extracted(x, page.sanitizedHtml());
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

    // ---- Extraction profiles, site search, forums and JSON APIs (issue #3) ----

    /** The source's extraction profile over the automatic extraction; fallbacks are counted and told once per cycle. */
    private Extraction withProfile(SourceConfig source, FetchResult.Fetched page, Extraction automatic) {
        if (source.extraction() == null) {
            return automatic;
        }
        ProfileExtractor.Profiled profiled = profileExtractor.apply(source.extraction(), page.body(), page.contentType(),
                page.finalUrl(), automatic, clock.instant());
        profiled.fallbacks().forEach(field -> metrics.profileFallback(source.id(), field));
        profileFallbacks.record(source.id(), profiled.fallbacks());
        return profiled.extraction();
    }

    /** The cycle's report with the profile's fallbacks, if any, as one more problem. */
    private CycleReport withProfileFallbacks(SourceConfig source, CycleReport report) {
        Optional<String> fellBack = profileFallbacks.end(source.id());
        if (fellBack.isEmpty()) {
            return report;
        }
        List<String> problems = new ArrayList<>(report.problems());
        problems.add(fellBack.get());
        return new CycleReport(report.sourceId(), report.linksFound(), report.newDocuments(), report.failures(), problems,
                report.took(), report.sourceFailing(), report.deferredUntil());
    }

    /** Headers go with requests to the source's own host only (thread pages yes, a linked article elsewhere no). */
    private static Map<String, String> headersFor(SourceConfig source, String url, Map<String, String> headers) {
        String sourceHost = io.yuqing.crawler.url.Urls.host(source.url().replace(SourceConfig.QUERY_PLACEHOLDER, "q"));
        return !headers.isEmpty() && sourceHost.equalsIgnoreCase(io.yuqing.crawler.url.Urls.host(url)) ? headers : Map.of();
    }

    private CycleReport sourceFailed(SourceConfig source, String message, Instant started, List<String> problems) {
        state.recordFailure(source.id(), clock.instant(), message);
        log.warn("source {}: {}", source.id(), message);
        problems.add(message);
        return new CycleReport(source.id(), 0, 0, 1, problems, Duration.between(started, clock.instant()));
    }

    /**
     * A site-search cycle: one result page per search term, up to {@code maxQueriesPerCycle} terms, resuming where the
     * last cycle stopped; result links are read like an html-list source's. No terms: skipped, with a problem saying so.
     */
    private CycleReport searchCycle(SourceConfig source, DocumentSink sink, Instant started, List<String> problems,
                                    Map<String, String> headers) {
        List<String> terms = inputs.searchTerms().current().stream().filter(t -> t != null && !t.isBlank())
                .map(String::strip).distinct().toList();
        if (terms.isEmpty()) {
            String message = "site search skipped: no search terms (they are the watchlist's names; the watchlist is "
                    + "empty or was not given to the crawler)";
            log.warn("source {}: {}", source.id(), message);
            problems.add(message);
            return new CycleReport(source.id(), 0, 0, 0, problems, Duration.between(started, clock.instant()));
        }
        int start = Math.floorMod(inputs.cursors().next(source.id()), terms.size());
        int count = Math.min(terms.size(), source.maxQueriesPerCycle());
        java.nio.charset.Charset charset = java.nio.charset.Charset.forName(source.queryCharset());
        List<SourceLink> links = new ArrayList<>();
        int failed = 0;
        int searched = 0;
        for (int i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
            String term = terms.get((start + i) % terms.size());
            String url = SearchUrls.forTerm(source.url(), term, charset);
            searched++;
            FetchResult result = timedFetch(source, FetchRequest.of(url, source.allowPrivateNetwork()).withHeaders(headers));
            switch (result) {
                case FetchResult.Fetched f -> {
                    switch (listPageParser.parse(f.body(), f.contentType(), f.finalUrl(), source.linkSelector(),
                            source.linkPattern())) {
                        case SourceParse.Links l -> links.addAll(l.links());
                        case SourceParse.Unreadable u -> {
                            failed++;
                            problems.add("search for '" + term + "': " + u.message());
                        }
                    }
                }
                case FetchResult.Failed f -> {
                    failed++;
                    problems.add("search for '" + term + "': " + f.message());
                }
                case FetchResult.NotModified n -> {
                }
            }
        }
        if (searched > 0 && failed == searched) {
            return sourceFailed(source, "all " + searched + " searches failed (the last: " + problems.getLast() + ")",
                    started, problems);
        }
        inputs.cursors().save(source.id(), (start + searched) % terms.size());
        state.recordSuccess(source.id(), clock.instant(), "", "");
        log.debug("source {}: searched {} of {} terms from position {}", source.id(), searched, terms.size(), start);
        return readNewArticles(source, links, sink, started, problems);
    }

    /**
     * The links of an html-list source's further pages (its "next" links, same site, at most {@code paging.pages} in
     * all, never one page twice). A page that fails ends the walk as a problem of the cycle, not a failure of the source.
     */
    private List<SourceLink> followListPages(SourceConfig source, FetchResult.Fetched first, List<SourceLink> firstLinks,
                                             Map<String, String> headers, List<String> problems) {
        List<SourceLink> all = new ArrayList<>(firstLinks);
        Set<String> visited = new java.util.HashSet<>();
        visited.add(UrlCanonicalizer.canonicalize(first.finalUrl()).orElse(first.finalUrl()));
        FetchResult.Fetched page = first;
        String nextSelector = source.paging() == null ? "" : source.paging().next();
        for (int read = 1; read < source.listPages(); read++) {
            Optional<String> next = listPageParser.nextPage(page.body(), page.contentType(), page.finalUrl(), nextSelector);
            if (next.isEmpty() || !visited.add(UrlCanonicalizer.canonicalize(next.get()).orElse(next.get()))) {
                break;
            }
            FetchResult result = timedFetch(source, new FetchRequest(next.get(), source.allowPrivateNetwork(), "", "", headers));
            if (!(result instanceof FetchResult.Fetched fetched)) {
                problems.add("list page " + next.get() + ": " + (result instanceof FetchResult.Failed f ? f.message() : "not modified"));
                break;
            }
            switch (listPageParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl(), source.linkSelector(),
                    source.linkPattern())) {
                case SourceParse.Links l -> all.addAll(l.links());
                case SourceParse.Unreadable u -> {
                    problems.add("list page " + next.get() + ": " + u.message());
                    return all;
                }
            }
            page = fetched;
        }
        return all;
    }

    /** Items by canonical URL, the first of each URL kept, in their order; items whose URL does not parse dropped. */
    private static <T> Map<String, T> byCanonicalUrl(List<T> items, java.util.function.Function<T, String> url) {
        Map<String, T> byUrl = new LinkedHashMap<>();
        for (T item : items) {
            UrlCanonicalizer.canonicalize(url.apply(item)).ifPresent(u -> byUrl.putIfAbsent(u, item));
        }
        return byUrl;
    }

    /** The URLs not seen before, at most the cycle's cap of new items, in order. */
    private List<String> unseen(Map<String, ?> candidates) {
        Set<String> seen = state.seenAmong(candidates.keySet());
        return candidates.keySet().stream().filter(u -> !seen.contains(u)).limit(config.maxNewItemsPerCycle()).toList();
    }

    /** The article links not seen before, read and handed on as an html-list cycle does. */
    private CycleReport readNewArticles(SourceConfig source, List<SourceLink> links, DocumentSink sink, Instant started,
                                        List<String> problems) {
        Map<String, SourceLink> candidates = byCanonicalUrl(links, SourceLink::url);
        List<String> fresh = unseen(candidates);
        Handoff handoff = new Handoff(sink.parallelism());
        try (handoff) {
            for (String url : fresh) {
                if (Thread.currentThread().isInterrupted()) {
                    problems.add("cycle interrupted; remaining links wait for the next cycle");
                    break;
                }
                if (handoff.sinkDown()) {
                    break;
                }
                // Fetching stays in this thread, one page after another as politeness wants; handing over may overlap.
                ArticleFetch result = fetchAndExtract(source, url);
                SourceLink link = candidates.get(url);
                handoff.submit(() -> handOver(source, url, link, result, sink, problems));
            }
        }
        if (handoff.sinkDown()) {
            problems.add("the pipeline is unavailable: the cycle stops here, the remaining articles wait for the next one");
        }
        return finished(source, candidates.size(), handoff.taken(), handoff.failed(), started, problems);
    }

    private CycleReport finished(SourceConfig source, int found, int newDocuments, int failures, Instant started,
                                 List<String> problems) {
        Duration took = Duration.between(started, clock.instant());
        log.info("source {}: {} items found, {} new documents, {} failures in {} ms", source.id(), found, newDocuments,
                failures, took.toMillis());
        return new CycleReport(source.id(), found, newDocuments, failures, problems, took);
    }

    /**
     * The source's own page (board page or API) with conditional GET: its body, or the report that ends the cycle
     * (unchanged since last time, or failed).
     */
    private sealed interface SourcePage {
        record Read(FetchResult.Fetched page) implements SourcePage {
        }

        record Done(CycleReport report) implements SourcePage {
        }
    }

    private SourcePage sourcePage(SourceConfig source, SourceState before, Map<String, String> headers, Instant started,
                                  List<String> problems) {
        FetchResult page = timedFetch(source, new FetchRequest(source.url(), source.allowPrivateNetwork(), before.etag(),
                before.lastModified(), headers));
        return switch (page) {
            case FetchResult.NotModified n -> {
                state.recordSuccess(source.id(), clock.instant(), before.etag(), before.lastModified());
                yield new SourcePage.Done(new CycleReport(source.id(), 0, 0, 0, problems,
                        Duration.between(started, clock.instant())));
            }
            case FetchResult.Failed f -> new SourcePage.Done(sourceFailed(source, "source page " + source.url() + ": "
                    + f.message(), started, problems));
            case FetchResult.Fetched f -> new SourcePage.Read(f);
        };
    }

    /**
     * A forum cycle: the board page lists threads; each thread page (at most {@code maxNewItemsPerCycle} threads, in
     * the board's order) yields its opening post and replies, each post one document under the thread URL with
     * {@code #post-<id>}. Threads are fetched again every cycle; only their posts are remembered as seen, so a reply
     * that appears later is a new item.
     */
    private CycleReport forumCycle(SourceConfig source, DocumentSink sink, Instant started, List<String> problems,
                                   SourceState before, Map<String, String> headers) {
        FetchResult.Fetched board;
        switch (sourcePage(source, before, headers, started, problems)) {
            case SourcePage.Done done -> {
                return done.report();
            }
            case SourcePage.Read read -> board = read.page();
        }
        List<String> threads;
        switch (listPageParser.parse(board.body(), board.contentType(), board.finalUrl(), source.linkSelector(),
                source.linkPattern())) {
            case SourceParse.Unreadable u -> {
                return sourceFailed(source, "board page " + source.url() + ": " + u.message(), started, problems);
            }
            case SourceParse.Links l -> threads = l.links().stream()
                    .flatMap(link -> UrlCanonicalizer.canonicalize(link.url()).stream()).distinct().toList();
        }
        state.recordSuccess(source.id(), clock.instant(), board.etag(), board.lastModified());
        int budget = config.maxNewItemsPerCycle();
        int newDocuments = 0;
        int failures = 0;
        int postsFound = 0;
        for (String thread : threads.stream().limit(config.maxNewItemsPerCycle()).toList()) {
            if (newDocuments >= budget || Thread.currentThread().isInterrupted()) {
                break;
            }
            Optional<List<ForumPost>> read = threadPosts(source, thread, headers, problems);
            if (read.isEmpty()) {
                failures++;
                continue;
            }
            List<ForumPost> posts = read.get();
            postsFound += posts.size();
            Set<String> seen = state.seenAmong(posts.stream().map(ForumPost::url).toList());
            // Replies belong to the opening post's story (see Document.partOf).
            String opening = posts.stream().filter(ForumPost::opening).findFirst()
                    .map(post -> DocumentIds.forUrl(post.url())).orElse("");
            for (ForumPost post : posts) {
                if (seen.contains(post.url()) || newDocuments >= budget) {
                    continue;
                }
                Document doc = new Document(DocumentIds.forUrl(post.url()), post.url(), source.id(), post.title(),
                        post.text(), post.author(), source.name(),
                        post.publishedAt() == null ? null : post.publishedAt().toInstant(), clock.instant(),
                        post.opening() ? "" : opening);
                Handoff.Outcome handled = offer(source, doc, sink, problems);
                if (handled == Handoff.Outcome.TAKEN) {
                    newDocuments++;
                } else {
                    failures++;
                }
                if (handled == Handoff.Outcome.SINK_DOWN) {
                    problems.add("the pipeline is unavailable: the cycle stops here, the remaining posts wait for the next one");
                    return finished(source, postsFound, newDocuments, failures, started, problems);
                }
            }
        }
        return finished(source, postsFound, newDocuments, failures, started, problems);
    }

    /**
     * The posts of one thread: its first page and, when the profile names a last-page link, its last page, where a
     * long thread's new replies are. Empty when the first page cannot be fetched or read (the reason is a problem).
     */
    private Optional<List<ForumPost>> threadPosts(SourceConfig source, String thread, Map<String, String> headers,
                                                  List<String> problems) {
        Map<String, ForumPost> posts = new LinkedHashMap<>();
        String page = thread;
        for (int pages = 0; page != null && pages < 2; pages++) {
            FetchResult result = timedFetch(source, FetchRequest.of(page, source.allowPrivateNetwork())
                    .withHeaders(headersFor(source, page, headers)));
            String failure = null;
            String next = null;
            switch (result) {
                case FetchResult.Failed f -> {
                    metrics.documentFailed(source.id(), f.reason().code());
                    failure = f.message();
                }
                case FetchResult.NotModified n -> failure = "server answered 304 to an unconditional request";
                case FetchResult.Fetched f -> {
                    switch (forumParser.parse(f.body(), f.contentType(), page, thread, source.forum(), clock.instant())) {
                        case ForumThreadParser.Result.Unreadable u -> {
                            metrics.documentFailed(source.id(), "unreadable_thread");
                            failure = u.message();
                        }
                        case ForumThreadParser.Result.Posts p -> {
                            p.posts().forEach(post -> posts.putIfAbsent(post.url(), post));
                            next = p.lastPage();
                        }
                    }
                }
            }
            if (failure != null) {
                problems.add(page + ": " + failure);
                if (page.equals(thread)) {
                    return Optional.empty();
                }
            }
            page = next;
        }
        return Optional.of(List.copyOf(posts.values()));
    }

    /**
     * A JSON API cycle: one request (conditional GET, the source's headers), items read through the field mapping and
     * handed on directly, without fetching article pages. Item problems are listed; the other items still count.
     */
    private CycleReport jsonApiCycle(SourceConfig source, DocumentSink sink, Instant started, List<String> problems,
                                     SourceState before, Map<String, String> headers) {
        Map<String, String> asking = headers;
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Accept"))) {
            // Some APIs answer 406 to a browser's Accept header; a source's own Accept wins.
            asking = new LinkedHashMap<>(headers);
            asking.put("Accept", "application/json, */*;q=0.5");
        }
        FetchResult.Fetched response;
        switch (sourcePage(source, before, asking, started, problems)) {
            case SourcePage.Done done -> {
                return done.report();
            }
            case SourcePage.Read read -> response = read.page();
        }
        List<JsonItem> items;
        switch (jsonParser.parse(response.body(), response.contentType(), response.finalUrl(), source.json(),
                clock.instant())) {
            case JsonApiParser.Result.Unreadable u -> {
                return sourceFailed(source, "API " + source.url() + ": " + u.message(), started, problems);
            }
            case JsonApiParser.Result.Items parsed -> {
                items = parsed.items();
                parsed.problems().forEach(p -> problems.add("API item problem: " + p));
                for (int i = 0; i < parsed.skipped(); i++) {
                    metrics.documentFailed(source.id(), "invalid_item");
                }
            }
        }
        state.recordSuccess(source.id(), clock.instant(), response.etag(), response.lastModified());
        Map<String, JsonItem> candidates = byCanonicalUrl(items, JsonItem::url);
        List<String> fresh = unseen(candidates);
        Handoff handoff = new Handoff(sink.parallelism());
        try (handoff) {
            for (String url : fresh) {
                if (handoff.sinkDown() || Thread.currentThread().isInterrupted()) {
                    break;
                }
                JsonItem item = candidates.get(url);
                Document doc = new Document(DocumentIds.forUrl(url), url, source.id(), item.title(), item.text(),
                        item.author(), item.outlet(), item.publishedAt() == null ? null : item.publishedAt().toInstant(),
                        clock.instant());
                handoff.submit(() -> offer(source, doc, sink, problems));
            }
        }
        if (handoff.sinkDown()) {
            problems.add("the pipeline is unavailable: the cycle stops here, the remaining items wait for the next one");
        }
        return finished(source, candidates.size(), handoff.taken(), handoff.failed(), started, problems);
    }

    /** Hands a ready document (a post, an API item) to the sink; its URL counts as seen only once the sink took it. */
    private Handoff.Outcome offer(SourceConfig source, Document doc, DocumentSink sink, List<String> problems) {
        try {
            sink.accept(doc);
        } catch (SinkUnavailableException e) {
            metrics.documentFailed(source.id(), "sink_unavailable");
            problems.add(doc.url() + ": " + e.getMessage() + "; offered again next cycle");
            log.warn("source {}: the pipeline is unavailable ({}); {} stays unseen", source.id(), e.getMessage(), doc.url());
            return Handoff.Outcome.SINK_DOWN;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            metrics.documentFailed(source.id(), "sink_error");
            problems.add(doc.url() + ": not taken by the pipeline (" + e + "); offered again next cycle");
            log.error("source {}: sink refused {}; it stays unseen", source.id(), doc.url(), e);
            return Handoff.Outcome.FAILED;
        }
        state.markSeen(doc.url(), source.id(), CrawlStateStore.STATUS_OK, clock.instant());
        metrics.documentFetched(source.id());
        return Handoff.Outcome.TAKEN;
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
