package io.yuqing.app.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertService;
import io.yuqing.crawler.dedup.Cluster;
import io.yuqing.crawler.dedup.NearDuplicateIndex;
import io.yuqing.alerting.AlertQueries;
import io.yuqing.core.model.RiskLevel;
import java.util.function.Consumer;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentRevision;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.core.pipeline.EnterpriseMatcher;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.indexer.store.DocumentStore;

import java.util.List;
import java.util.function.Supplier;

/**
 * What happens to each new document the crawler extracts: match enterprises, score, index, alert. The index comes
 * before the alert and both before the crawler marks the URL seen, so a crash at any point means the document is
 * offered again and every step is repeated idempotently (index update by id, alert unique per document and enterprise).
 */
public final class DocumentPipeline implements DocumentSink {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DocumentPipeline.class);
    private final Supplier<EnterpriseMatcher> matcher;
    private final Supplier<RiskScorer> scorer;
    private final DocumentStore store;
    private final AlertService alerts;
    private final NearDuplicateIndex clusters;
    private final AlertQueries queries;
    private final Consumer<List<Alert>> onNewAlerts;
    private final Timer latency;
    private final Timer indexedToAlert;
    private final PageCopyStore copies;
    private final DocumentRevisions revisions;

    /**
     * @param matcher supplies the current matcher and {@code scorer} the current scorer, so a reloaded watchlist
     *                takes effect without a restart
     */
    public DocumentPipeline(Supplier<EnterpriseMatcher> matcher, Supplier<RiskScorer> scorer, DocumentStore store,
                            AlertService alerts, NearDuplicateIndex clusters, Consumer<List<Alert>> onNewAlerts,
                            DocumentRevisions revisions, PageCopyStore copies, MeterRegistry meters) {
        this.revisions = revisions;
        this.copies = copies;
        this.matcher = matcher;
        this.scorer = scorer;
        this.store = store;
        this.alerts = alerts;
        this.clusters = clusters;
        this.queries = alerts.queries();
        this.onNewAlerts = onNewAlerts;
        this.latency = Timer.builder("yuqing.pipeline.latency")
                .description("Time from a document handed over by the crawler to its alert stored: match, score, index, alert")
                .publishPercentileHistogram()
                .register(meters);
        this.indexedToAlert = Timer.builder("yuqing.pipeline.alert.latency")
                .description("Time from a document indexed to the alerts it raised stored (repost cluster, rules, alert rows)")
                .publishPercentileHistogram()
                .register(meters);
    }

    /**
     * Documents one crawl cycle may hand over at once. Every step is safe to run concurrently (cycles of different
     * sources always did); overlapping them lets one durable index commit cover several documents. Kept moderate so
     * the embedded database's row locks are not contended.
     */
    static final int PARALLELISM = 8;

    @Override
    public int parallelism() {
        return PARALLELISM;
    }

    @Override
    public void accept(Document document) throws Exception {
        try {
            store(document);
        } catch (io.yuqing.alerting.AlertingDatabaseException | io.yuqing.crawler.state.CrawlStateException e) {
            throw new io.yuqing.core.pipeline.SinkUnavailableException("the service database is unavailable", e);
        } catch (java.io.IOException e) {
            throw new io.yuqing.core.pipeline.SinkUnavailableException("the index is unavailable (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The document, then the sanitised copy of its page. The copy is kept after the document is stored: should that
     * fail, the crawler offers both again; should only the copy fail, the document still counts and the copy is
     * missing, which the console says.
     */
    @Override
    public void accept(Document document, io.yuqing.core.model.PageCopy copy) throws Exception {
        accept(document);
        try {
            copies.keep(document.id(), copy);
        } catch (java.sql.SQLException e) {
            org.slf4j.LoggerFactory.getLogger(DocumentPipeline.class)
                    .warn("page copy of {} not kept: {}", document.url(), e.toString());
        }
    }

    /**
     * The original of a stored document was edited or deleted (删帖): recorded for the console, which shows it next to
     * the stored copy; the copy itself stays as it was. A deletion behind an open alert is a signal of its own (the
     * story is being taken down) and is logged; the alert's timeline shows it.
     */
    @Override
    public void revised(DocumentRevision revision) throws Exception {
        if (revisions == null) {
            return;
        }
        boolean recorded;
        List<Alert> open;
        try {
            recorded = revisions.record(revision);
            open = revision.kind() == DocumentRevision.Kind.DELETED ? queries.openForDocument(revision.documentId()) : List.of();
        } catch (io.yuqing.alerting.AlertingDatabaseException e) {
            throw new io.yuqing.core.pipeline.SinkUnavailableException("the service database is unavailable", e);
        }
        if (recorded && !open.isEmpty()) {
            LOG.warn("the original of document {} behind open alert(s) {} was taken down (删帖): {}; the stored copy stays",
                    revision.documentId(), open.stream().map(Alert::id).toList(), revision.detail());
        }
    }

    private void store(Document document) throws java.io.IOException {
        long start = System.nanoTime();
        ScoredDocument scored = process(document);
        store.index(scored);
        long indexed = System.nanoTime();
        // The repost cluster is the spread signal: the same story on several sites.
        // A forum reply joins its opening post's cluster: while that story's alert is open, the reply adds to it.
        Cluster cluster = clusters.assign(document.id(), host(document.url()), document.text(), document.partOf());
        List<Alert> raised = alerts.process(scored, cluster.clusterId(), growStories(scored, cluster));
        if (!raised.isEmpty()) {
            indexedToAlert.record(System.nanoTime() - indexed, java.util.concurrent.TimeUnit.NANOSECONDS);
            onNewAlerts.accept(raised);
        }
        latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * A repost of a story that already has an open alert for an enterprise does not raise a second alert: the first
     * one is raised in level as the story spreads (3 sites: orange, 5 sites: red) and notified once more. Returns the
     * enterprises so covered; the rules still count the repost (spread, new category), but raise no new alert for them.
     */
    private java.util.Set<String> growStories(ScoredDocument scored, Cluster cluster) {
        if (cluster.clusterId().equals(scored.document().id()) || scored.risk().riskEntities().isEmpty()) {
            return java.util.Set.of();
        }
        java.util.Set<String> covered = new java.util.HashSet<>();
        for (String enterpriseId : scored.risk().riskEntities()) {
            var open = queries.openFor(cluster.clusterId(), enterpriseId);
            if (open.isEmpty()) {
                continue;
            }
            covered.add(enterpriseId);
            RiskLevel spread = cluster.distinctHosts() >= 5 ? RiskLevel.RED : cluster.distinctHosts() >= 3 ? RiskLevel.ORANGE : RiskLevel.NONE;
            if (spread.compareTo(open.get().level()) > 0) {
                alerts.raiseLevel(open.get().id(), spread, "同一报道已被 " + cluster.distinctHosts() + " 个网站转载（共 " + cluster.size() + " 篇）");
            }
        }
        return covered;
    }

    private static String host(String url) {
        try {
            String h = java.net.URI.create(url).getHost();
            return h == null ? "" : h.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Matching and scoring alone, without side effects. */
    public ScoredDocument process(Document document) {
        List<Mention> mentions = matcher.get().match(document.title(), document.text());
        RiskAssessment risk = scorer.get().score(document.title(), document.text(), mentions);
        return new ScoredDocument(document, mentions, risk);
    }
}
