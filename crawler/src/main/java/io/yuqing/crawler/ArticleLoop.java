package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentIds;
import io.yuqing.core.model.PageCopy;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.crawler.extract.Extraction;
import io.yuqing.crawler.source.SourceLink;
import io.yuqing.crawler.state.CrawlStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The article links of a cycle (feed, list page, sitemap, search results) read and handed on: the links not seen
 * before, at most the cycle's cap, each page fetched and read in this thread, one after another as politeness wants,
 * while handing the documents to the sink may overlap ({@link Handoff}). Articles that can never succeed (404,
 * robots, too large) are recorded so they are not fetched again; retryable failures are tried again next cycle.
 */
final class ArticleLoop {
    // Logged under the crawler's name, as before the cycles had classes of their own.
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final CycleSteps steps;
    private final ArticleReader reader;

    ArticleLoop(CycleSteps steps, ArticleReader reader) {
        this.steps = steps;
        this.reader = reader;
    }

    /** The article links not seen before, read and handed on. */
    CycleReport readNewArticles(SourceCycle.Run run, List<SourceLink> links) {
        SourceConfig source = run.source();
        List<String> problems = run.problems();
        Map<String, SourceLink> candidates = CycleSteps.byCanonicalUrl(links, SourceLink::url);
        List<String> fresh = steps.unseen(candidates);
        Handoff handoff = new Handoff(run.sink().parallelism());
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
                ArticleFetch result = reader.fetchAndExtract(source, url);
                SourceLink link = candidates.get(url);
                handoff.submit(() -> handOver(source, url, link, result, run.sink(), problems));
            }
        }
        if (handoff.sinkDown()) {
            problems.add("the pipeline is unavailable: the cycle stops here, the remaining articles wait for the next one");
        }
        return steps.finished(run, candidates.size(), handoff.taken(), handoff.failed());
    }

    private Handoff.Outcome handOver(SourceConfig source, String url, SourceLink link, ArticleFetch result,
                                     DocumentSink sink, List<String> problems) {
        switch (result) {
            case ArticleFetch.NotExtracted failed -> {
                steps.metrics.documentFailed(source.id(), failed.reason());
                problems.add(url + ": " + failed.message());
                log.info("source {}: {} not read: {}", source.id(), url, failed.message());
                if (!failed.retryable()) {
                    steps.state.markSeen(url, source.id(), failed.reason(), steps.clock.instant());
                }
                return Handoff.Outcome.FAILED;
            }
            case ArticleFetch.Extracted extracted -> {
                Extraction x = extracted.extraction();
                String docUrl = x.url().isEmpty() ? url : x.url();
                if (!docUrl.equals(url) && steps.state.isSeen(docUrl)) {
                    // Another link already brought this article (its canonical URL says so).
                    steps.state.markSeen(url, source.id(), CrawlStateStore.STATUS_OK, steps.clock.instant());
                    return Handoff.Outcome.FAILED;
                }
                Document doc = new Document(DocumentIds.forUrl(docUrl), docUrl, source.id(),
                        x.title().isEmpty() ? link.title() : x.title(), x.text(), x.author(), x.outlet(),
                        x.publishedAt() != null ? x.publishedAt().toInstant() : link.publishedAt(), steps.clock.instant());
                Optional<PageCopy> copy = extracted.sanitizedHtml().isEmpty() ? Optional.empty()
                        : Optional.of(new PageCopy(url, extracted.sanitizedHtml(), doc.fetchedAt()));
                return steps.offer(source, url, doc, copy, sink, problems);
            }
        }
    }
}
