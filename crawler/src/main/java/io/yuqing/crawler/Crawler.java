package io.yuqing.crawler;

import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.crawler.fetch.FetchRequest;
import io.yuqing.crawler.fetch.HttpFetcher;
import io.yuqing.crawler.recheck.RecheckStore;
import io.yuqing.crawler.recheck.Rechecker;
import io.yuqing.crawler.source.SourceSelectors;
import io.yuqing.crawler.state.CrawlStateException;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.state.SourceBackoff;
import io.yuqing.crawler.state.SourceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One crawl cycle of one source: fetch the feed or list page, find article links not seen before, fetch and read at
 * most {@code maxNewItemsPerCycle} of them and hand each to the sink. A URL counts as seen only once the sink has
 * taken its document; articles that can never succeed (404, robots, too large) are recorded so they are not fetched
 * again, while retryable failures (timeouts, 5xx) are tried again next cycle.
 * <p>
 * The crawler decides whether a source's cycle runs (backoff, host pauses, unusable settings), runs the cycle of the
 * source's kind ({@link SourceCycle}), then the re-checks of stored articles, and keeps the report's failing flag and
 * extraction-profile fallbacks.
 */
public final class Crawler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final CrawlStateStore state;
    private final Clock clock;
    private final CrawlMetrics metrics;
    private final HttpFetcher fetcher;
    private final SourceBackoff backoff;
    private final Rechecker rechecks;
    private final ProfileFallbacks profileFallbacks = new ProfileFallbacks();
    private final SourceInputs inputs;
    private final CycleSteps steps;
    private final ArticleReader articleReader;
    private final ArticleListCycle articleLists;
    private final SearchCycle searches;
    private final ForumCycle forums;
    private final JsonApiCycle jsonApis;

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
        this.state = state;
        this.clock = clock;
        this.metrics = new CrawlMetrics(meters);
        this.fetcher = fetcher;
        this.steps = new CycleSteps(config, state, clock, metrics, fetcher);
        this.articleReader = new ArticleReader(steps, profileFallbacks);
        ArticleLoop articles = new ArticleLoop(steps, articleReader);
        this.articleLists = new ArticleListCycle(steps, articles);
        this.searches = new SearchCycle(steps, articles, inputs);
        this.forums = new ForumCycle(steps);
        this.jsonApis = new JsonApiCycle(steps);
        this.rechecks = new Rechecker(config.recheck(), new RecheckStore(state.dataSource()),
                (source, url) -> steps.fetch(source, FetchRequest.of(url, source.allowPrivateNetwork())), clock, meters);
    }

    public CycleReport crawl(SourceConfig source, DocumentSink sink) {
        Instant started = clock.instant();
        // Hand-overs may run on several threads (Handoff): they add their problems here.
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
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
        Map<String, String> headers = resolved instanceof SourceHeaders.Result.Headers h ? h.values() : Map.of();
        SourceCycle.Run run = new SourceCycle.Run(source, sink, started, problems, before, headers);
        Optional<String> unusable = SourceSelectors.problem(source)
                .or(() -> resolved instanceof SourceHeaders.Result.Missing m
                        ? Optional.of("source '" + source.id() + "': " + m.message()) : Optional.empty());
        if (unusable.isPresent()) {
            return steps.sourceFailed(run, unusable.get());
        }
        return cycleOf(source).run(run);
    }

    /** The cycle of the source's kind; the switch has no default, so a new kind does not compile without one. */
    private SourceCycle cycleOf(SourceConfig source) {
        return switch (source.kind()) {
            case RSS, HTML_LIST, SITEMAP -> articleLists;
            case SITE_SEARCH -> searches;
            case FORUM -> forums;
            case JSON_API -> jsonApis;
        };
    }

    /**
     * Fetches and reads one article page with the source's network settings, without recording anything in the
     * crawl state. Also the basis of "test this source" in the console or CLI.
     */
    public ArticleFetch fetchAndExtract(SourceConfig source, String url) {
        return articleReader.fetchAndExtract(source, url);
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

    @Override
    public void close() {
        fetcher.close();
    }
}
