package io.yuqing.crawler.recheck;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.config.RecheckConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentRevision;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.core.pipeline.SinkUnavailableException;
import io.yuqing.crawler.extract.ArticleExtractor;
import io.yuqing.crawler.extract.Extraction;
import io.yuqing.crawler.fetch.Charsets;
import io.yuqing.crawler.fetch.FetchResult;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Re-checks stored articles for edits and deletions (删帖): each article handed on is tracked, and in every cycle of
 * its source the due ones (at most {@code maxPerCycle}, after the new items) are fetched again through the same fetcher,
 * so robots.txt and the per-host politeness apply as to any fetch. Edits and confirmed deletions go to the pipeline
 * through {@link DocumentSink#revised}; nothing stored is ever deleted. A page that looks deleted is checked once more
 * before it is reported, and a page that cannot be reached is simply tried later.
 */
public final class Rechecker {
    public static final String RECHECKS = "yuqing.crawler.rechecks";
    static final String SUSPECTED = "deletion_suspected";
    private static final Logger log = LoggerFactory.getLogger(Rechecker.class);

    /** Fetches a page for a source, the way its cycle fetches (politeness, robots, metrics). */
    @FunctionalInterface
    public interface PageFetcher {
        FetchResult fetch(SourceConfig source, String url);
    }

    private final RecheckConfig config;
    private final RecheckSchedule schedule;
    private final RecheckStore store;
    private final PageFetcher fetcher;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final List<String> OUTCOMES = List.of("unchanged", "edited", "deleted", SUSPECTED, "unreachable");

    public Rechecker(RecheckConfig config, RecheckStore store, PageFetcher fetcher, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.schedule = new RecheckSchedule(config);
        this.store = store;
        this.fetcher = fetcher;
        this.clock = clock;
        this.meters = meters;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Starts re-checking a document the pipeline took just now. */
    public void track(Document document) {
        if (!config.enabled()) {
            return;
        }
        Instant firstSeen = document.fetchedAt();
        schedule.nextAfter(firstSeen, firstSeen).ifPresent(step -> store.track(new TrackedArticle(document.id(),
                document.url(), document.sourceId(), firstSeen, step.index(),
                TextChange.hash(document.title(), document.text()), document.title(), document.text(), ""), step.at()));
    }

    /** Re-checks the source's due articles, at most {@code maxPerCycle}. */
    public RecheckReport run(SourceConfig source, DocumentSink sink) {
        if (!config.enabled()) {
            return RecheckReport.NONE;
        }
        registerOutcomes(source);
        List<TrackedArticle> due = store.due(source.id(), clock.instant(), config.maxPerCycle());
        int unchanged = 0;
        int edited = 0;
        int deleted = 0;
        int suspected = 0;
        int unreachable = 0;
        int checked = 0;
        for (TrackedArticle article : due) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (clock.instant().isAfter(schedule.windowEnd(article.firstSeen()))) {
                // Its window ended while it waited (a late retry, or the crawler was down): no re-check.
                store.finish(article.docId());
                continue;
            }
            RecheckOutcome outcome = check(source, article);
            checked++;
            String counted;
            try {
                counted = apply(source, article, outcome, sink);
            } catch (SinkUnavailableException e) {
                log.warn("source {}: the pipeline is unavailable ({}); re-checks wait for a later cycle", source.id(), e.getMessage());
                return new RecheckReport(checked - 1, unchanged, edited, deleted, suspected, unreachable, true);
            }
            count(source, counted);
            switch (counted) {
                case "unchanged" -> unchanged++;
                case "edited" -> edited++;
                case "deleted" -> deleted++;
                case SUSPECTED -> suspected++;
                default -> unreachable++;
            }
        }
        if (checked > 0) {
            log.info("source {}: re-checked {} stored articles: {} unchanged, {} edited, {} deleted, {} look deleted "
                    + "(checked again later), {} unreachable", source.id(), checked, unchanged, edited, deleted, suspected, unreachable);
        }
        return new RecheckReport(checked, unchanged, edited, deleted, suspected, unreachable, false);
    }

    /** Fetches the article again and compares it with the version last seen. */
    RecheckOutcome check(SourceConfig source, TrackedArticle before) {
        FetchResult result = fetcher.fetch(source, before.url());
        return switch (result) {
            case FetchResult.Failed f -> DeletionSigns.ofFailure(f)
                    .<RecheckOutcome>map(RecheckOutcome.LooksDeleted::new)
                    .orElseGet(() -> new RecheckOutcome.Unreachable(f.message()));
            case FetchResult.NotModified n -> new RecheckOutcome.Unchanged();
            case FetchResult.Fetched f -> compare(before, f);
        };
    }

    private RecheckOutcome compare(TrackedArticle before, FetchResult.Fetched page) {
        Extraction x = extractor.extract(page.body(), page.contentType(), page.finalUrl(), clock.instant());
        String pageText = Jsoup.parse(Charsets.decode(page.body(), page.contentType()).text()).text();
        Optional<String> gone = DeletionSigns.ofPage(before.url(), page.finalUrl(), pageText,
                x.title() + "\n" + x.text() + (x.text().isBlank() ? "\n" + pageText : ""), before);
        if (gone.isPresent()) {
            return new RecheckOutcome.LooksDeleted(gone.get());
        }
        if (x.text().isBlank()) {
            // Nothing readable and no sign of a deletion: say nothing rather than guess.
            return new RecheckOutcome.Unreachable("no article text found on the page");
        }
        String title = x.title().isBlank() ? before.title() : x.title();
        if (DeletionSigns.articleGone(before, pageText) && !TextChange.normalize(title).equals(TextChange.normalize(before.title()))) {
            // Another title and none of the old sentences: a captcha, a login wall or a page we cannot name, not an edit.
            return new RecheckOutcome.Unreachable("the page no longer carries the article and says nothing of a deletion");
        }
        String hash = TextChange.hash(title, x.text());
        if (hash.equals(before.contentHash())) {
            return new RecheckOutcome.Unchanged();
        }
        String detail = TextChange.describe(before.title(), before.text(), title, x.text());
        return detail.isEmpty() ? new RecheckOutcome.Unchanged()
                : new RecheckOutcome.Edited(hash, title, x.text(), detail);
    }

    /** Records the outcome and reports revisions; returns the outcome counted. */
    private String apply(SourceConfig source, TrackedArticle a, RecheckOutcome outcome, DocumentSink sink)
            throws SinkUnavailableException {
        Instant now = clock.instant();
        return switch (outcome) {
            case RecheckOutcome.Unchanged u -> {
                advance(withSuspicion(a, ""), now, u.code());
                yield u.code();
            }
            case RecheckOutcome.Edited e -> {
                DocumentRevision revision = new DocumentRevision(a.docId(), a.url(), source.id(),
                        DocumentRevision.Kind.EDITED, now, e.contentHash(), e.detail());
                if (!report(source, a, revision, sink)) {
                    yield "unreachable";
                }
                log.info("source {}: {} was edited: {}", source.id(), a.url(), e.detail());
                advance(new TrackedArticle(a.docId(), a.url(), a.sourceId(), a.firstSeen(), a.checksDone(), e.contentHash(),
                        e.title(), e.text(), ""), now, e.code());
                yield e.code();
            }
            case RecheckOutcome.LooksDeleted d when !a.suspectedDeleted() -> {
                // Once is not enough: a page can be missing for a minute during a site deployment.
                store.update(withSuspicion(a, d.reason()), now.plus(config.confirmDeletionAfter()), SUSPECTED, now);
                log.info("source {}: {} looks deleted ({}); checking again in {}", source.id(), a.url(), d.reason(),
                        config.confirmDeletionAfter());
                yield SUSPECTED;
            }
            case RecheckOutcome.LooksDeleted d -> {
                DocumentRevision revision = new DocumentRevision(a.docId(), a.url(), source.id(),
                        DocumentRevision.Kind.DELETED, now, "", d.reason());
                if (!report(source, a, revision, sink)) {
                    yield "unreachable";
                }
                log.warn("source {}: {} was taken down (删帖): {}; the stored copy stays", source.id(), a.url(), d.reason());
                store.finish(a.docId());
                yield d.code();
            }
            case RecheckOutcome.Unreachable u -> {
                log.debug("source {}: re-check of {} could not read it: {}", source.id(), a.url(), u.message());
                retryLater(a, now, u.code());
                yield u.code();
            }
        };
    }

    /** Hands a revision to the pipeline; false (and a retry later) when the pipeline refused it for another reason. */
    private boolean report(SourceConfig source, TrackedArticle a, DocumentRevision revision, DocumentSink sink)
            throws SinkUnavailableException {
        try {
            sink.revised(revision);
            return true;
        } catch (SinkUnavailableException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("source {}: the pipeline refused the {} revision of {}; reported again later", source.id(),
                    revision.kind().code(), a.url(), e);
            retryLater(a, clock.instant(), "sink_error");
            return false;
        }
    }

    private void advance(TrackedArticle a, Instant now, String outcome) {
        Optional<RecheckSchedule.Step> next = schedule.nextAfter(a.firstSeen(), now);
        if (next.isEmpty()) {
            store.finish(a.docId());
            return;
        }
        store.update(new TrackedArticle(a.docId(), a.url(), a.sourceId(), a.firstSeen(), next.get().index(),
                a.contentHash(), a.title(), a.text(), a.suspected()), next.get().at(), outcome, now);
    }

    private void retryLater(TrackedArticle a, Instant now, String outcome) {
        Optional<Instant> retry = schedule.retry(a.firstSeen(), now, config.retryUnreachableAfter());
        if (retry.isEmpty()) {
            store.finish(a.docId());
        } else {
            store.update(a, retry.get(), outcome, now);
        }
    }

    private static TrackedArticle withSuspicion(TrackedArticle a, String suspected) {
        return new TrackedArticle(a.docId(), a.url(), a.sourceId(), a.firstSeen(), a.checksDone(), a.contentHash(),
                a.title(), a.text(), suspected);
    }

    private void count(SourceConfig source, String outcome) {
        counter(source, outcome).increment();
    }

    /** Every outcome's series exists from a source's first cycle on, so rate() sees the first re-check too. */
    private void registerOutcomes(SourceConfig source) {
        if (registered.add(source.id())) {
            for (String outcome : OUTCOMES) {
                counter(source, outcome);
            }
        }
    }

    private Counter counter(SourceConfig source, String outcome) {
        return Counter.builder(RECHECKS)
                .description("Re-checks of stored articles by outcome (unchanged, edited, deleted, deletion_suspected, unreachable)")
                .tag("source", source.id()).tag("outcome", outcome).register(meters);
    }
}
