package io.yuqing.crawler;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentRevision;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.crawler.recheck.Rechecker;

import java.time.Duration;

/**
 * The pipeline as one cycle hands documents to it: once the pipeline has taken a document, its freshness lag (publish
 * time to fetch) is measured and it is tracked for re-checks. A document the pipeline refuses is neither.
 */
final class FreshnessSink implements DocumentSink {
    private final String sourceId;
    private final DocumentSink pipeline;
    private final CrawlMetrics metrics;
    private final Rechecker rechecks;

    FreshnessSink(String sourceId, DocumentSink pipeline, CrawlMetrics metrics, Rechecker rechecks) {
        this.sourceId = sourceId;
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.rechecks = rechecks;
    }

    @Override
    public void accept(Document document) throws Exception {
        pipeline.accept(document);
        taken(document);
    }

    /** The page copy goes on with the document: a wrapper that dropped it would lose the reviewers' copy. */
    @Override
    public void accept(Document document, io.yuqing.core.model.PageCopy copy) throws Exception {
        pipeline.accept(document, copy);
        taken(document);
    }

    private void taken(Document document) {
        // A publish time "in the future" is a clock or time-zone slip of the site, not a lag.
        if (document.publishedAt() != null && !document.publishedAt().isAfter(document.fetchedAt())) {
            metrics.freshnessLag(sourceId, Duration.between(document.publishedAt(), document.fetchedAt()));
        }
        rechecks.track(document);
    }

    @Override
    public int parallelism() {
        return pipeline.parallelism();
    }

    @Override
    public void revised(DocumentRevision revision) throws Exception {
        pipeline.revised(revision);
    }
}
