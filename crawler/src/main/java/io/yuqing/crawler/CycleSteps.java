package io.yuqing.crawler;

import io.micrometer.core.instrument.Timer;
import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.PageCopy;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.core.pipeline.SinkUnavailableException;
import io.yuqing.crawler.fetch.FetchRequest;
import io.yuqing.crawler.fetch.FetchResult;
import io.yuqing.crawler.fetch.HttpFetcher;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.url.UrlCanonicalizer;
import io.yuqing.crawler.url.Urls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The steps every source cycle takes alike: fetching with the source's metrics, reading the source's own page with
 * conditional GET, ending the cycle (done or the source failed), picking the links not seen before and handing a
 * document to the sink, where its URL counts as seen only once the sink took it.
 */
final class CycleSteps {
    // Logged under the crawler's name, as before the cycles had classes of their own.
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    final CrawlerConfig config;
    final CrawlStateStore state;
    final Clock clock;
    final CrawlMetrics metrics;
    private final HttpFetcher fetcher;

    CycleSteps(CrawlerConfig config, CrawlStateStore state, Clock clock, CrawlMetrics metrics, HttpFetcher fetcher) {
        this.config = config;
        this.state = state;
        this.clock = clock;
        this.metrics = metrics;
        this.fetcher = fetcher;
    }

    /** Fetches one page, timed and counted for the source. */
    FetchResult fetch(SourceConfig source, FetchRequest request) {
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

    /**
     * The source's own page (feed, list page, sitemap, board page or API) with conditional GET: its body, or the
     * report that ends the cycle (unchanged since last time, or failed).
     */
    sealed interface SourcePage {
        record Read(FetchResult.Fetched page) implements SourcePage {
        }

        record Done(CycleReport report) implements SourcePage {
        }
    }

    SourcePage sourcePage(SourceCycle.Run run, Map<String, String> headers) {
        SourceConfig source = run.source();
        FetchResult page = fetch(source, new FetchRequest(source.url(), source.allowPrivateNetwork(),
                run.before().etag(), run.before().lastModified(), headers));
        return switch (page) {
            case FetchResult.NotModified n -> {
                state.recordSuccess(source.id(), clock.instant(), run.before().etag(), run.before().lastModified());
                log.debug("source {}: unchanged since last cycle", source.id());
                yield new SourcePage.Done(new CycleReport(source.id(), 0, 0, 0, run.problems(),
                        Duration.between(run.started(), clock.instant())));
            }
            case FetchResult.Failed f -> new SourcePage.Done(sourceFailed(run, "source page " + source.url() + ": "
                    + f.message()));
            case FetchResult.Fetched f -> new SourcePage.Read(f);
        };
    }

    /** Ends the cycle as a failure of the source (counted towards its backoff). */
    CycleReport sourceFailed(SourceCycle.Run run, String message) {
        SourceConfig source = run.source();
        state.recordFailure(source.id(), clock.instant(), message);
        log.warn("source {}: {}", source.id(), message);
        run.problems().add(message);
        return new CycleReport(source.id(), 0, 0, 1, run.problems(), Duration.between(run.started(), clock.instant()));
    }

    /** Ends a cycle that ran. */
    CycleReport finished(SourceCycle.Run run, int found, int newDocuments, int failures) {
        Duration took = Duration.between(run.started(), clock.instant());
        log.info("source {}: {} items found, {} new documents, {} failures in {} ms", run.source().id(), found,
                newDocuments, failures, took.toMillis());
        return new CycleReport(run.source().id(), found, newDocuments, failures, run.problems(), took);
    }

    /** Items by canonical URL, the first of each URL kept, in their order; items whose URL does not parse dropped. */
    static <T> Map<String, T> byCanonicalUrl(List<T> items, Function<T, String> url) {
        Map<String, T> byUrl = new LinkedHashMap<>();
        for (T item : items) {
            UrlCanonicalizer.canonicalize(url.apply(item)).ifPresent(u -> byUrl.putIfAbsent(u, item));
        }
        return byUrl;
    }

    /** The URLs not seen before, at most the cycle's cap of new items, in order. */
    List<String> unseen(Map<String, ?> candidates) {
        Set<String> seen = state.seenAmong(candidates.keySet());
        return candidates.keySet().stream().filter(u -> !seen.contains(u)).limit(config.maxNewItemsPerCycle()).toList();
    }

    /** Headers go with requests to the source's own host only (thread pages yes, a linked article elsewhere no). */
    static Map<String, String> headersFor(SourceConfig source, String url, Map<String, String> headers) {
        String sourceHost = Urls.host(source.url().replace(SourceConfig.QUERY_PLACEHOLDER, "q"));
        return !headers.isEmpty() && sourceHost.equalsIgnoreCase(Urls.host(url)) ? headers : Map.of();
    }

    /** Hands a ready document (a post, an API item) to the sink; its URL counts as seen only once the sink took it. */
    Handoff.Outcome offer(SourceConfig source, Document doc, DocumentSink sink, List<String> problems) {
        return offer(source, doc.url(), doc, Optional.empty(), sink, problems);
    }

    /**
     * Hands a document read from {@code url} to the sink, with the page's sanitised copy if there is one. Once the
     * sink took it, both {@code url} and the document's own URL (its canonical URL, when the page names another)
     * count as seen; until then neither does, so a later cycle offers it again.
     */
    Handoff.Outcome offer(SourceConfig source, String url, Document doc, Optional<PageCopy> copy, DocumentSink sink,
                          List<String> problems) {
        try {
            if (copy.isEmpty()) {
                sink.accept(doc);
            } else {
                sink.accept(doc, copy.get());
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
        if (!doc.url().equals(url)) {
            state.markSeen(doc.url(), source.id(), CrawlStateStore.STATUS_OK, now);
        }
        metrics.documentFetched(source.id());
        return Handoff.Outcome.TAKEN;
    }
}
