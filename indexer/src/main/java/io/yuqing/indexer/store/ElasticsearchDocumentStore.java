package io.yuqing.indexer.store;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.indices.PutIndexTemplateRequest;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.ScoredDocument;
import org.apache.http.HttpHost;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The document store on an Elasticsearch cluster (8.x or 9.x), with the same behaviour as {@link LuceneDocumentStore}:
 * the same fields, the same reading of the query ({@link ClassicQuerySyntax}, translated by
 * {@link ElasticsearchQueries}), the same snippets ({@link SnippetMaker} over the stored text), the same facets.
 *
 * <p>Writes go through the write alias in bulk requests of bounded size, sent one at a time (the caller waits, which
 * is the backpressure); items the cluster rejects as overloaded (429) are retried with growing pauses. The read alias
 * is refreshed before {@code index}/{@code indexAll} return, so a document is searchable right away.
 *
 * <p>An index blocked for writes is not overloaded, although Elasticsearch also answers 429: a node whose disk passed
 * the flood-stage watermark makes its indices read-only ({@code index.blocks.read_only_allow_delete}, block 12). That
 * is the cluster's "disk full": the write is refused at once, reported as a full index disk naming the index and the
 * fullest node, and health stays down while the block stands. Elasticsearch lifts the block itself once the node is
 * below the high watermark again; this store never lifts it (that would let writes fill the disk it protects).
 */
public final class ElasticsearchDocumentStore implements DocumentStore {
    private static final Logger log = LoggerFactory.getLogger(ElasticsearchDocumentStore.class);
    /** Documents per bulk request, and a cap on its approximate size: a batch never exceeds either. */
    static final int MAX_BATCH_DOCS = 500;
    static final long MAX_BATCH_BYTES = 8L * 1024 * 1024;
    private static final int MAX_REJECTION_RETRIES = 5;
    private static final long FIRST_RETRY_PAUSE_MILLIS = 200;
    private static final int FACET_SIZE = 1000;
    private static final Map<String, String> FACET_FIELDS = Map.of(
            SearchResults.ENTERPRISE, IndexFields.ENTERPRISE,
            SearchResults.CATEGORY, IndexFields.CATEGORY,
            SearchResults.LEVEL, IndexFields.LEVEL,
            SearchResults.SOURCE, IndexFields.SOURCE);

    private final ElasticsearchClient client;
    private final ElasticsearchIndexLayout layout;
    private final Analyzer analyzer;
    private final SnippetMaker snippets;
    private final AtomicLong indexedTotal = new AtomicLong();
    private final WriteFailures writeFailures = new WriteFailures();
    private final java.time.Duration rolloverAfter;

    private ElasticsearchDocumentStore(ElasticsearchClient client, ElasticsearchIndexLayout layout, Analyzer analyzer,
                                       java.time.Duration rolloverAfter) {
        this.client = client;
        this.rolloverAfter = rolloverAfter;
        this.layout = layout;
        this.analyzer = analyzer;
        this.snippets = new SnippetMaker(analyzer);
    }

    /**
     * Connects to the cluster and makes sure the index template, the first index and both aliases exist.
     *
     * @param hosts       node addresses, e.g. {@code http://127.0.0.1:9200}
     * @param indexPrefix lower-case name the indices and aliases start with ({@code <prefix>-docs-000001},
     *                    {@code <prefix>-docs-write}, {@code <prefix>-docs-read})
     * @param analyzer    {@code "service"} (default when blank) or {@code "smartcn"}: see {@link TextAnalysis}
     */
    public static ElasticsearchDocumentStore connect(List<URI> hosts, String indexPrefix, String analyzer) throws IOException {
        return connect(hosts, indexPrefix, analyzer, java.time.Duration.ofDays(7));
    }

    /**
     * As {@link #connect(List, String, String)}; retention rolls the write index over to a new one once it holds
     * {@code rolloverAfter} of fetch times (or only documents older than the retention), so that whole indices expire.
     */
    public static ElasticsearchDocumentStore connect(List<URI> hosts, String indexPrefix, String analyzer,
                                                     java.time.Duration rolloverAfter) throws IOException {
        if (rolloverAfter == null || rolloverAfter.isNegative() || rolloverAfter.isZero()) {
            throw new IllegalArgumentException("rolloverAfter must be positive, e.g. 7d, not " + rolloverAfter);
        }
        if (hosts == null || hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch host is needed");
        }
        ElasticsearchIndexLayout layout = new ElasticsearchIndexLayout(indexPrefix, TextAnalysis.fromSetting(analyzer));
        HttpHost[] httpHosts = hosts.stream().map(u -> new HttpHost(u.getHost(), u.getPort(), u.getScheme())).toArray(HttpHost[]::new);
        RestClient rest = RestClient.builder(httpHosts).build();
        ElasticsearchTransport transport = new RestClientTransport(rest, new JacksonJsonpMapper());
        ElasticsearchClient client = new ElasticsearchClient(transport);
        Analyzer luceneAnalyzer = IndexFields.analyzer();
        try {
            prepare(client, layout);
            ElasticsearchDocumentStore store = new ElasticsearchDocumentStore(client, layout, luceneAnalyzer, rolloverAfter);
            log.info("document store on Elasticsearch {} (alias {}, analysis {}) with {} documents",
                    hosts, layout.readAlias(), layout.analysis(), store.countOnceSearchable());
            return store;
        } catch (IOException | RuntimeException e) {
            luceneAnalyzer.close();
            transport.close();
            throw e;
        }
    }

    private static void prepare(ElasticsearchClient client, ElasticsearchIndexLayout layout) throws IOException {
        client.indices().putIndexTemplate(PutIndexTemplateRequest.of(t -> t.name(layout.templateName())
                .withJson(new StringReader(layout.templateJson()))));
        if (!client.indices().existsAlias(e -> e.name(layout.readAlias())).value()) {
            createFirstIndex(client, layout);
        }
        // An index just created (by this node or by another starting at the same moment) answers searches only once
        // its primary shards are allocated: until then a count fails with no_shard_available (503).
        var health = client.cluster().health(h -> h.index(layout.readAlias())
                .waitForStatus(co.elastic.clients.elasticsearch._types.HealthStatus.Yellow)
                .timeout(t -> t.time("30s")));
        if (health.timedOut()) {
            throw new IOException("Elasticsearch index " + layout.readAlias() + " is not available after 30 s (cluster status "
                    + health.status().jsonValue() + ": its primary shards are not allocated)");
        }
    }

    private static void createFirstIndex(ElasticsearchClient client, ElasticsearchIndexLayout layout) throws IOException {
        try {
            client.indices().create(c -> c.index(layout.firstIndex())
                    .aliases(layout.writeAlias(), a -> a.isWriteIndex(true))
                    .aliases(layout.readAlias(), a -> a));
            log.info("created Elasticsearch index {} with aliases {} and {}", layout.firstIndex(), layout.writeAlias(), layout.readAlias());
        } catch (ElasticsearchException e) {
            // Another instance created it at the same moment: fine when the aliases are there now.
            if (!client.indices().existsAlias(a -> a.name(layout.readAlias())).value()) {
                throw e;
            }
        }
    }

    @Override
    public void bindMetrics(MeterRegistry registry) {
        StoreMetrics.bind(registry, indexedTotal, writeFailures, this);
    }

    /**
     * As {@link StoreMetrics#probe}, except that a standing disk-full refusal is checked against the cluster: once
     * Elasticsearch has lifted the flood-stage block (space was freed) the store reads up again without waiting for the
     * next write. The gauge {@code yuqing.index.writable} still waits for a write that succeeds.
     */
    @Override
    public StoreHealth health() {
        StoreHealth.Down standing = writeFailures.standing();
        if (standing != null && standing.diskFull()) {
            try {
                if (floodStageBlocked(currentWriteIndex())) {
                    return standing;
                }
            } catch (IOException | RuntimeException e) {
                return standing; // cannot tell whether the block was lifted: the refusal stands
            }
        }
        return StoreMetrics.answers(this);
    }

    /** Whether the index carries the flood-stage block ({@code index.blocks.read_only_allow_delete}). */
    private boolean floodStageBlocked(String index) throws IOException {
        var response = client.indices().getSettings(g -> g.index(index).name("index.blocks.read_only_allow_delete"));
        for (var state : response.result().values()) {
            var settings = state.settings();
            if (settings == null) {
                continue;
            }
            var blocks = settings.blocks() != null ? settings.blocks()
                    : settings.index() != null ? settings.index().blocks() : null;
            if (blocks != null && Boolean.TRUE.equals(blocks.readOnlyAllowDelete())) {
                return true;
            }
        }
        return false;
    }

    /**
     * As the interface says; an unreachable or failing cluster is an IOException naming Elasticsearch (the client's
     * runtime exceptions included), so the pipeline pauses instead of failing document by document.
     */
    @Override
    public void indexAll(List<ScoredDocument> docs) throws IOException {
        if (docs.isEmpty()) {
            return;
        }
        try {
            write(docs);
            writeFailures.succeeded();
        } catch (WriteBlocked blocked) {
            String message = blocked.floodStage() ? diskFullMessage(blocked) : "Elasticsearch " + layout.writeAlias()
                    + " is blocked for writes (" + blocked.index() + "): " + blocked.getMessage();
            writeFailures.failed(blocked.floodStage() ? WriteFailures.Kind.DISK_FULL : WriteFailures.Kind.UNAVAILABLE, message);
            log.error(message);
            throw new IOException(message, blocked);
        } catch (IOException | RuntimeException e) {
            String message = "Elasticsearch " + layout.writeAlias() + " did not take the documents: " + oneLine(e.getMessage());
            writeFailures.failed(WriteFailures.Kind.UNAVAILABLE, message);
            throw new IOException(message, e);
        }
    }

    /**
     * The words the Lucene store uses for a full disk (operators and tests look for them), then which index and node,
     * and what Elasticsearch said.
     */
    private String diskFullMessage(WriteBlocked blocked) {
        return "索引磁盘已满 the index disk is full: Elasticsearch made index " + blocked.index() + " (write alias "
                + layout.writeAlias() + ") read-only because a node's disk passed the flood-stage watermark"
                + fullestNode().map(n -> " (" + n + ")").orElse("")
                + "; documents are refused until space is freed — " + blocked.getMessage();
    }

    /** The node using the largest share of its disk, with its free and total space; empty when the cluster will not say. */
    private Optional<String> fullestNode() {
        try {
            return client.cat().allocation(a -> a.bytes(co.elastic.clients.elasticsearch._types.Bytes.MegaBytes))
                    .valueBody().stream()
                    .filter(r -> r.node() != null && r.diskPercent() != null && r.diskAvail() != null && r.diskTotal() != null
                            && !"UNASSIGNED".equals(r.node()))
                    .max(java.util.Comparator.comparingDouble(r -> parseOr(r.diskPercent())))
                    .map(r -> "node " + r.node() + ": " + r.diskAvail() + " MiB free of " + r.diskTotal() + " MiB, "
                            + r.diskPercent() + " % used");
        } catch (IOException | RuntimeException e) {
            log.debug("disk allocation not available: {}", e.toString());
            return Optional.empty();
        }
    }

    private static double parseOr(String number) {
        try {
            return Double.parseDouble(number.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The cluster refuses writes to an index by a block ({@code cluster_block_exception}): retrying is pointless.
     * {@code floodStage} for the disk watermark's read-only-allow-delete block (id 12), which is the cluster's disk full.
     */
    private static final class WriteBlocked extends IOException {
        private final String index;
        private final boolean floodStage;

        WriteBlocked(String index, String reason) {
            super("cluster_block_exception: " + oneLine(reason));
            this.index = index == null || index.isBlank() ? "?" : index;
            this.floodStage = isFloodStage(reason);
        }

        String index() {
            return index;
        }

        boolean floodStage() {
            return floodStage;
        }
    }

    private static final String CLUSTER_BLOCK = "cluster_block_exception";

    /**
     * Block 12 is the flood-stage one; its reason has read "FORBIDDEN/12/index read-only / allow delete (api)" (up to
     * 7.x) and "TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark, …" (7.x on, 8 and 9).
     */
    static boolean isFloodStage(String reason) {
        if (reason == null) {
            return false;
        }
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("/12/") || r.contains("flood-stage") || r.contains("flood stage");
    }

    private static final java.util.regex.Pattern BLOCKED_INDEX = java.util.regex.Pattern.compile("index \\[([^\\]]+)]");

    /** The concrete index a block names ("index [x-docs-000001] blocked by: …"), or the fallback. */
    static String blockedIndex(String reason, String fallback) {
        if (reason != null) {
            var m = BLOCKED_INDEX.matcher(reason);
            if (m.find()) {
                return m.group(1);
            }
        }
        return fallback;
    }

    private void write(List<ScoredDocument> docs) throws IOException {
        List<Map<String, Object>> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        long batchBytes = 0;
        for (ScoredDocument doc : docs) {
            Map<String, Object> source = toSource(doc);
            long size = approximateBytes(doc);
            if (!batch.isEmpty() && (batch.size() >= MAX_BATCH_DOCS || batchBytes + size > MAX_BATCH_BYTES)) {
                sendBulk(ids, batch);
                batch.clear();
                ids.clear();
                batchBytes = 0;
            }
            batch.add(source);
            ids.add(doc.document().id());
            batchBytes += size;
        }
        sendBulk(ids, batch);
        client.indices().refresh(r -> r.index(layout.readAlias()));
        indexedTotal.addAndGet(docs.size());
    }

    @Override
    public Optional<ScoredDocument> get(String id) throws IOException {
        SearchResponse<ObjectNode> r = client.search(s -> s.index(layout.readAlias())
                .query(q -> q.ids(i -> i.values(id))).size(1)
                .source(src -> src.filter(f -> f.includes(IndexFields.SNAPSHOT))), ObjectNode.class);
        List<Hit<ObjectNode>> hits = r.hits().hits();
        return hits.isEmpty() ? Optional.empty() : Optional.of(load(hits.get(0)));
    }

    @Override
    public long count() throws IOException {
        return client.count(c -> c.index(layout.readAlias())).count();
    }

    /**
     * The count, waiting up to 30 s while the index answers "no shard available" (503): a node that has just created
     * the index, or another node starting at the same moment, may ask before the started primary serves searches,
     * even after cluster health says yellow (MultiNodeTest found two nodes starting together failing here).
     */
    private long countOnceSearchable() throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return count();
            } catch (org.elasticsearch.client.ResponseException e) {
                if (e.getResponse().getStatusLine().getStatusCode() != 503 || System.nanoTime() > deadline) {
                    throw e;
                }
            } catch (ElasticsearchException e) {
                if (e.status() != 503 || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Elasticsearch index " + layout.readAlias(), interrupted);
            }
        }
    }

    /**
     * Rolls the write index over when it is due, then deletes every other index behind the read alias whose newest
     * document was fetched before the cutoff (or that is empty). Returns the documents those indices held.
     */
    @Override
    public long expireFetchedBefore(java.time.Instant cutoff) throws IOException {
        try {
            String writeIndex = currentWriteIndex();
            FetchSpan writing = span(writeIndex);
            boolean due = writing.count() > 0 && (writing.newest() - writing.oldest() >= rolloverAfter.toMillis()
                    || writing.newest() < cutoff.toEpochMilli());
            if (due && floodStageBlocked(writeIndex)) {
                // A new index could not be allocated on a disk past its watermarks (it would stay red and take every
                // write); deleting the expired indices below is what frees the space.
                log.warn("retention: {} is read-only (disk flood stage); not rolling over, only deleting expired indices",
                        writeIndex);
                due = false;
            }
            if (due) {
                var rolled = client.indices().rollover(r -> r.alias(layout.writeAlias()));
                log.info("retention: rolled {} over from {} to {}", layout.writeAlias(), rolled.oldIndex(), rolled.newIndex());
                writeIndex = rolled.newIndex();
            }
            long removed = 0;
            var behindRead = client.indices().getAlias(a -> a.name(layout.readAlias())).result().keySet();
            for (String index : new java.util.TreeSet<>(behindRead)) {
                if (index.equals(writeIndex)) {
                    continue;
                }
                FetchSpan span = span(index);
                if (span.count() == 0 || span.newest() < cutoff.toEpochMilli()) {
                    try {
                        client.indices().delete(d -> d.index(index));
                    } catch (ElasticsearchException e) {
                        if (e.status() == 404) {
                            continue; // another app node deleted it a moment ago
                        }
                        throw e;
                    }
                    removed += span.count();
                    log.info("retention: deleted index {} ({} documents, all fetched before {})", index, span.count(), cutoff);
                }
            }
            return removed;
        } catch (RuntimeException e) {
            throw new IOException("Elasticsearch retention failed: " + oneLine(e.getMessage()), e);
        }
    }

    /** How many documents an index holds and the fetch times of its oldest and newest (epoch ms). */
    private record FetchSpan(long count, long oldest, long newest) {
    }

    private FetchSpan span(String index) throws IOException {
        SearchResponse<Void> r = client.search(s -> s.index(index).size(0).trackTotalHits(t -> t.enabled(true))
                .aggregations("oldest", a -> a.min(m -> m.field(IndexFields.FETCHED)))
                .aggregations("newest", a -> a.max(m -> m.field(IndexFields.FETCHED))), Void.class);
        long count = r.hits().total() == null ? 0 : r.hits().total().value();
        if (count == 0) {
            return new FetchSpan(0, 0, 0);
        }
        return new FetchSpan(count, (long) r.aggregations().get("oldest").min().value(),
                (long) r.aggregations().get("newest").max().value());
    }

    /** The index the write alias writes to: the one marked as write index, or the only one. */
    private String currentWriteIndex() throws IOException {
        var byIndex = client.indices().getAlias(a -> a.name(layout.writeAlias())).result();
        for (var e : byIndex.entrySet()) {
            var alias = e.getValue().aliases().get(layout.writeAlias());
            if (alias != null && (Boolean.TRUE.equals(alias.isWriteIndex()) || byIndex.size() == 1)) {
                return e.getKey();
            }
        }
        throw new IOException("no write index behind alias " + layout.writeAlias() + " (found " + byIndex.keySet() + ")");
    }

    @Override
    public SearchResults search(SearchQuery q) throws InvalidQueryException, IOException {
        org.apache.lucene.search.Query textQuery = ClassicQuerySyntax.parse(q.query(), analyzer);
        Query query = withFilters(textQuery == null ? null : ElasticsearchQueries.translate(q.query(), textQuery), q);
        SearchResponse<ObjectNode> r;
        try {
            r = client.search(s -> {
                s.index(layout.readAlias()).query(query).from(q.offset()).size(q.limit())
                        .trackTotalHits(t -> t.enabled(true))
                        .sort(sortFor(q.order()))
                        .source(src -> src.filter(f -> f.includes(IndexFields.SNAPSHOT)));
                FACET_FIELDS.forEach((name, field) -> s.aggregations(name, a -> a.terms(t -> t.field(field).size(FACET_SIZE))));
                return s;
            }, ObjectNode.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 400) {
                throw new InvalidQueryException(q.query(), "检索服务拒绝了该查询 (rejected by the search cluster): "
                        + oneLine(e.error().reason()));
            }
            throw e;
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Hit<ObjectNode> h : r.hits().hits()) {
            ScoredDocument doc = load(h);
            hits.add(new SearchHit(doc, snippets.snippet(textQuery, doc.document().text())));
        }
        long total = r.hits().total() == null ? hits.size() : r.hits().total().value();
        return new SearchResults(total, hits, facets(r.aggregations()));
    }

    @Override
    public void close() throws IOException {
        try {
            client._transport().close();
        } finally {
            analyzer.close();
        }
    }

    private void sendBulk(List<String> ids, List<Map<String, Object>> sources) throws IOException {
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 0; ; attempt++) {
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (int i : pending) {
                bulk.operations(op -> op.index(ix -> ix.index(layout.writeAlias()).id(ids.get(i)).document(sources.get(i))));
            }
            BulkResponse response;
            try {
                response = client.bulk(bulk.build());
            } catch (ElasticsearchException e) {
                // A block on the whole cluster refuses the request rather than each item.
                if (e.error() != null && CLUSTER_BLOCK.equals(e.error().type())) {
                    throw new WriteBlocked(blockedIndex(e.error().reason(), layout.writeAlias()), e.error().reason());
                }
                throw e;
            }
            if (!response.errors()) {
                return;
            }
            List<Integer> rejected = new ArrayList<>();
            List<BulkResponseItem> items = response.items();
            for (int k = 0; k < items.size(); k++) {
                BulkResponseItem item = items.get(k);
                if (item.error() == null) {
                    continue;
                }
                if (CLUSTER_BLOCK.equals(item.error().type())) {
                    // Also 429 for the flood stage, but no pause makes room on a full disk.
                    throw new WriteBlocked(blockedIndex(item.error().reason(), item.index()), item.error().reason());
                }
                if (item.status() != 429) {
                    throw new IOException("Elasticsearch refused document " + item.id() + ": " + item.error().type()
                            + " — " + oneLine(item.error().reason()));
                }
                rejected.add(pending.get(k));
            }
            if (rejected.isEmpty()) {
                return;
            }
            if (attempt >= MAX_REJECTION_RETRIES) {
                throw new IOException("Elasticsearch kept rejecting " + rejected.size() + " documents as overloaded (429)");
            }
            pauseBeforeRetry(attempt);
            pending = rejected;
        }
    }

    private static void pauseBeforeRetry(int attempt) throws IOException {
        try {
            Thread.sleep(FIRST_RETRY_PAUSE_MILLIS << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to resend rejected documents", e);
        }
    }

    private Map<String, Object> toSource(ScoredDocument sd) throws IOException {
        Document d = sd.document();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(IndexFields.ID, d.id());
        m.put(IndexFields.URL, d.url());
        m.put(IndexFields.SOURCE, d.sourceId());
        m.put(IndexFields.AUTHOR, d.author());
        m.put(IndexFields.OUTLET, d.outlet());
        m.put(IndexFields.TIME, d.effectiveTime().toEpochMilli());
        if (d.publishedAt() != null) {
            m.put(IndexFields.PUBLISHED, d.publishedAt().toEpochMilli());
        }
        m.put(IndexFields.FETCHED, d.fetchedAt().toEpochMilli());
        m.put(IndexFields.ENTERPRISE, sd.mentions().stream().map(Mention::enterpriseId).toList());
        m.put(IndexFields.ENTERPRISE_NAME, sd.mentions().stream().map(Mention::name).toList());
        m.put(IndexFields.CATEGORY, sd.risk().categories().stream().map(RiskCategory::code).toList());
        m.put(IndexFields.LEVEL, sd.risk().level().code());
        m.put(IndexFields.SCORE, sd.risk().score());
        m.put(IndexFields.TITLE_WORDS, analysed(IndexFields.TITLE_WORDS, d.title()));
        m.put(IndexFields.TITLE_BIGRAMS, analysed(IndexFields.TITLE_BIGRAMS, d.title()));
        m.put(IndexFields.TEXT_WORDS, analysed(IndexFields.TEXT_WORDS, d.text()));
        m.put(IndexFields.TEXT_BIGRAMS, analysed(IndexFields.TEXT_BIGRAMS, d.text()));
        m.put(IndexFields.SNAPSHOT, Base64.getEncoder().encodeToString(ScoredDocumentCodec.encode(sd)));
        return m;
    }

    /** Raw text when the cluster analyses it; otherwise this service's tokens, space-separated for {@code whitespace}. */
    private String analysed(String field, String text) throws IOException {
        if (layout.analysis() == TextAnalysis.SMARTCN) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() * 2);
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(term);
            }
            tokens.end();
        }
        return out.toString();
    }

    /** UTF-8 upper bound of the request body: text four times (two token fields, snapshot in base64) plus slack. */
    private static long approximateBytes(ScoredDocument sd) {
        return 6L * (sd.document().title().length() + sd.document().text().length()) + 2048;
    }

    private static Query withFilters(Query textQuery, SearchQuery q) {
        BoolQuery.Builder b = new BoolQuery.Builder();
        b.must(textQuery == null ? Query.of(x -> x.matchAll(m -> m)) : textQuery);
        if (q.enterpriseId() != null) {
            b.filter(termFilter(IndexFields.ENTERPRISE, q.enterpriseId()));
        }
        if (q.category() != null) {
            b.filter(termFilter(IndexFields.CATEGORY, q.category().code()));
        }
        if (q.level() != null) {
            b.filter(termFilter(IndexFields.LEVEL, q.level().code()));
        }
        if (q.sourceId() != null) {
            b.filter(termFilter(IndexFields.SOURCE, q.sourceId()));
        }
        if (q.from() != null || q.to() != null) {
            b.filter(Query.of(x -> x.range(r -> r.date(d -> {
                d.field(IndexFields.TIME).format("epoch_millis");
                if (q.from() != null) {
                    d.gte(Long.toString(q.from().toEpochMilli()));
                }
                if (q.to() != null) {
                    d.lt(Long.toString(q.to().toEpochMilli()));
                }
                return d;
            }))));
        }
        return Query.of(x -> x.bool(b.build()));
    }

    private static Query termFilter(String field, String value) {
        return Query.of(x -> x.term(t -> t.field(field).value(value)));
    }

    private static List<SortOptions> sortFor(SearchQuery.Order order) {
        SortOptions newest = SortOptions.of(s -> s.field(f -> f.field(IndexFields.TIME).order(SortOrder.Desc)));
        SortOptions byId = SortOptions.of(s -> s.field(f -> f.field(IndexFields.ID).order(SortOrder.Asc)));
        return switch (order) {
            case NEWEST -> List.of(newest, byId);
            case RELEVANCE -> List.of(SortOptions.of(s -> s.score(sc -> sc.order(SortOrder.Desc))), newest, byId);
            case RISK -> List.of(SortOptions.of(s -> s.field(f -> f.field(IndexFields.SCORE).order(SortOrder.Desc))), newest, byId);
        };
    }

    /** Facet counts largest first, ties by value, exactly as the Lucene store orders them. */
    private static Map<String, Map<String, Long>> facets(Map<String, co.elastic.clients.elasticsearch._types.aggregations.Aggregate> aggs) {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        for (String name : FACET_FIELDS.keySet()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            var agg = aggs.get(name);
            if (agg != null && agg.isSterms()) {
                agg.sterms().buckets().array().stream()
                        .sorted(java.util.Comparator.comparingLong(StringTermsBucket::docCount).reversed()
                                .thenComparing(bucket -> bucket.key().stringValue()))
                        .forEach(bucket -> counts.put(bucket.key().stringValue(), bucket.docCount()));
            }
            out.put(name, counts);
        }
        return out;
    }

    private static ScoredDocument load(Hit<ObjectNode> hit) throws IOException {
        JsonNode snapshot = hit.source() == null ? null : hit.source().get(IndexFields.SNAPSHOT);
        if (snapshot == null || !snapshot.isTextual()) {
            throw new IOException("Elasticsearch document " + hit.id() + " has no stored snapshot");
        }
        byte[] bytes = Base64.getDecoder().decode(snapshot.textValue());
        return ScoredDocumentCodec.decode(bytes, 0, bytes.length);
    }


    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
