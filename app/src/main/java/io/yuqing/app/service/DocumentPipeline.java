package io.yuqing.app.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.yuqing.alerting.AlertService;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.core.pipeline.EnterpriseMatcher;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.indexer.store.LuceneDocumentStore;

import java.util.List;
import java.util.function.Supplier;

/**
 * What happens to each new document the crawler extracts: match enterprises, score, index, alert. The index comes
 * before the alert and both before the crawler marks the URL seen, so a crash at any point means the document is
 * offered again and every step is repeated idempotently (index update by id, alert unique per document and enterprise).
 */
public final class DocumentPipeline implements DocumentSink {
    private final Supplier<EnterpriseMatcher> matcher;
    private final Supplier<RiskScorer> scorer;
    private final LuceneDocumentStore store;
    private final AlertService alerts;
    private final Timer latency;

    /**
     * @param matcher supplies the current matcher and {@code scorer} the current scorer, so a reloaded watchlist
     *                takes effect without a restart
     */
    public DocumentPipeline(Supplier<EnterpriseMatcher> matcher, Supplier<RiskScorer> scorer, LuceneDocumentStore store,
                            AlertService alerts, MeterRegistry meters) {
        this.matcher = matcher;
        this.scorer = scorer;
        this.store = store;
        this.alerts = alerts;
        this.latency = Timer.builder("yuqing.pipeline.latency")
                .description("Time from a document handed over by the crawler to its alert stored: match, score, index, alert")
                .publishPercentileHistogram()
                .register(meters);
    }

    @Override
    public void accept(Document document) throws Exception {
        long start = System.nanoTime();
        ScoredDocument scored = process(document);
        store.index(scored);
        alerts.process(scored);
        latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Matching and scoring alone, without side effects. */
    public ScoredDocument process(Document document) {
        List<Mention> mentions = matcher.get().match(document.title(), document.text());
        RiskAssessment risk = scorer.get().score(document.title(), document.text(), mentions);
        return new ScoredDocument(document, mentions, risk);
    }
}
