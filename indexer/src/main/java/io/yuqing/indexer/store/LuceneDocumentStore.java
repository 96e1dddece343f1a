package io.yuqing.indexer.store;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The document store: a Lucene index of scored documents, searchable in Chinese.
 *
 * <p>Durable: {@link #index} and {@link #indexAll} return only once their documents are synced to the index's
 * write-ahead log ({@link WriteAheadLog}, in {@code wal/} inside the index directory), so a crash or restart loses
 * nothing that was acknowledged: opening the store puts the log's records into the index again. Syncs are grouped:
 * while one runs, the calls that arrive meanwhile wait and then share the next one. The Lucene index itself is
 * committed every few seconds (a checkpoint), after which the log files it covers are deleted — one commit per
 * checkpoint instead of one per group of documents, each of which flushed a tiny segment, synced half a dozen files
 * and left merges behind. Near-real-time: a document is searchable as soon as {@code index} returns; the searcher is
 * refreshed lazily by the first read after a write rather than after every write. Safe for use by several threads.
 *
 * <p>Title and text are indexed twice, segmented into words by smartcn and cut into Han bigrams, and queries run
 * over both: smartcn ranks well, bigrams make sure a name or phrase is found however smartcn splits it in context.
 *
 * <p>A failed write (disk full, above all) is refused as a whole: the writer's uncommitted changes are rolled back and
 * a fresh writer opens on the last commit with the log's acknowledged records put back, so the index holds what was
 * acknowledged and is never left half-written. Calls that were waiting on the failed sync or checkpoint are refused
 * too, never wrongly acknowledged.
 */
public final class LuceneDocumentStore implements DocumentStore {
    private static final Logger log = LoggerFactory.getLogger(LuceneDocumentStore.class);
    /** Facet name → keyword field. */
    static final List<Map.Entry<String, String>> FACET_FIELDS = List.of(
            Map.entry(SearchResults.ENTERPRISE, IndexFields.ENTERPRISE),
            Map.entry(SearchResults.CATEGORY, IndexFields.CATEGORY),
            Map.entry(SearchResults.LEVEL, IndexFields.LEVEL),
            Map.entry(SearchResults.SOURCE, IndexFields.SOURCE));

    /** One writer and the searchers it feeds; replaced by the next generation after a failed write. */
    private record Generation(long number, IndexWriter writer, SearcherManager searchers) {
    }

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer;
    /** Replaced under {@link #commitLock} only. */
    private volatile Generation live;
    /** The live writer was rolled back after a failure; the next write opens a new one. Guarded by {@link #commitLock}. */
    private boolean broken;
    /**
     * The generation given up last and why: its first failure, or a disk-full one if any of its writers saw one, so
     * that every call refused with it says the disk is full. Guarded by {@link #commitLock}.
     */
    private long failedGeneration = -1;
    private Throwable failedBecause;
    private final SnippetMaker snippets;
    /**
     * Searches a large index in slices of segments on all cores at once (the calling thread takes part): a search
     * over most of a million documents waits for half the work on two cores. Daemon threads, stopped by close().
     */
    private final java.util.concurrent.ExecutorService searchThreads = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), Thread.ofPlatform().daemon().name("yuqing-search-", 0).factory());
    /** The facet fields of the live segments as arrays: exact facet counts over a million hits in milliseconds. */
    private final FacetOrdinals facetOrdinals = new FacetOrdinals(FACET_FIELDS.stream().map(Map.Entry::getValue).toList());
    private final AtomicLong indexedTotal = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final WriteFailures writeFailures = new WriteFailures();

    /** Guards {@link #live} changes and {@link #broken}. */
    private final ReentrantLock commitLock = new ReentrantLock();

    /** How often the Lucene index is committed and the write-ahead log files it covers deleted. */
    static final java.time.Duration CHECKPOINT_EVERY = java.time.Duration.ofSeconds(10);
    private final WriteAheadLog wal;
    /**
     * Writes hold it shared while they add documents to the writer and append their records to the log; a checkpoint
     * holds it exclusively to roll the log, and a new writer generation to replay it, so a rolled-off log file only
     * holds records the writer being committed has, and a replay misses no record appended before it.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private final AtomicLong walSyncs = new AtomicLong();
    private final java.util.concurrent.ScheduledExecutorService checkpoints;

    /** Writes made (counted after they return) and writes the current searcher is known to see. */
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong refreshedWrites = new AtomicLong();

    private LuceneDocumentStore(Path path, Directory directory, Analyzer analyzer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.analyzer = analyzer;
        this.wal = WriteAheadLog.open(path.resolve("wal"));
        try {
            this.live = openGeneration(0);
        } catch (IOException | RuntimeException e) {
            wal.close();
            searchThreads.shutdown();
            throw e;
        }
        this.snippets = new SnippetMaker(analyzer);
        try {
            // What a crash left in the log is in the writer now: make it part of the index proper straight away.
            checkpoint();
        } catch (IOException | RuntimeException e) {
            closeQuietly(live.searchers());
            live.writer().rollback();
            wal.close();
            searchThreads.shutdown();
            throw e;
        }
        this.checkpoints = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("yuqing-index-checkpoint").factory());
        long every = CHECKPOINT_EVERY.toMillis();
        checkpoints.scheduleWithFixedDelay(this::checkpointQuietly, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            // Recorded for health and metrics by refused(); the log keeps every acknowledged document meanwhile.
            log.warn("index checkpoint at {} failed; will try again: {}", path, e.getMessage());
        }
    }

    /**
     * Commits the index and deletes the write-ahead log files the commit covers. Runs every
     * {@link #CHECKPOINT_EVERY}, after retention and on close; a failure rolls the writer back like a failed write.
     */
    void checkpoint() throws IOException {
        checkpointLock.lock();
        try {
            Generation g;
            List<Path> covered;
            Exception rollFailure = null;
            gate.writeLock().lock();
            try {
                commitLock.lock();
                try {
                    if (broken) {
                        return;
                    }
                    g = live;
                } finally {
                    commitLock.unlock();
                }
                if (!g.writer().hasUncommittedChanges() && wal.isEmpty()) {
                    return;
                }
                try {
                    covered = wal.roll();
                } catch (IOException | RuntimeException e) {
                    covered = null;
                    rollFailure = e;
                }
            } finally {
                gate.writeLock().unlock();
            }
            if (rollFailure != null) {
                throw refused(rollFailure, discard(g, rollFailure));
            }
            try {
                g.writer().commit();
                commits.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                throw refused(e, discard(g, e));
            }
            try {
                wal.delete(covered);
            } catch (IOException e) {
                // Committed: the files left behind only put the same documents back at the next opening.
                log.warn("write-ahead log files at {} not deleted after a checkpoint: {}", path, e.toString());
            }
        } finally {
            checkpointLock.unlock();
        }
    }

    private Generation openGeneration(long number) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Commits return once flushed and synced; merging the small segments they leave is done in the
                // background instead of inside the commit, which every waiting index() call would otherwise wait for.
                .setMaxFullFlushMergeWaitMillis(0)
                // A merged segment's facet arrays are built by the merge thread, before searches see the segment.
                .setMergedSegmentWarmer(facetOrdinals::of);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            replay(writer);
            return new Generation(number, writer, new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                    // New (flushed) segments get their facet arrays at refresh; the others have them already.
                    for (LeafReaderContext leaf : reader.leaves()) {
                        facetOrdinals.of(leaf.reader());
                    }
                    return new IndexSearcher(reader, searchThreads);
                }
            }));
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
    }

    /** Puts every record of the write-ahead log into a writer just opened on the last commit. */
    private void replay(IndexWriter writer) throws IOException {
        List<byte[]> records = wal.readAll();
        for (byte[] record : records) {
            ScoredDocument doc = ScoredDocumentCodec.decode(record, 0, record.length);
            writer.updateDocument(new Term(IndexFields.ID, doc.document().id()), toLucene(doc, record));
        }
        if (!records.isEmpty()) {
            log.info("index at {}: {} documents from the write-ahead log put back after the last commit", path, records.size());
        }
    }

    /** Opens the index in {@code dir}, creating the directory and an empty index when absent. */
    public static LuceneDocumentStore open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Directory directory = FSDirectory.open(dir);
        Analyzer analyzer = IndexFields.analyzer();
        try {
            LuceneDocumentStore store = new LuceneDocumentStore(dir, directory, analyzer);
            log.info("document index open at {} with {} documents", dir, store.count());
            return store;
        } catch (IOException | RuntimeException e) {
            analyzer.close();
            directory.close();
            throw e;
        }
    }

    /**
     * Registers counter {@code yuqing.documents.indexed} (documents written since start), counter
     * {@code yuqing.index.commits} (commits since start; fewer than writes when commits are shared) and gauge
     * {@code yuqing.index.documents} (documents in the index).
     */
    @Override
    public void bindMetrics(MeterRegistry registry) {
        StoreMetrics.bind(registry, indexedTotal, writeFailures, this);
        FunctionCounter.builder("yuqing.index.commits", commits, AtomicLong::get)
                .description("Index commits (checkpoints after which the write-ahead log files they cover are deleted)")
                .register(registry);
        FunctionCounter.builder("yuqing.index.wal.syncs", walSyncs, AtomicLong::get)
                .description("Syncs of the index's write-ahead log; fewer than writes when concurrent writes share one")
                .register(registry);
    }

    @Override
    public StoreHealth health() {
        return StoreMetrics.probe(writeFailures, this);
    }

    /**
     * Adds or replaces all the documents; returns once a commit covers them all. A failure (the disk full, above all)
     * refuses the whole call with an IOException saying what happened, and leaves none of these documents behind.
     */
    @Override
    public void indexAll(List<ScoredDocument> docs) throws IOException {
        if (docs.isEmpty()) {
            return;
        }
        // Lucene's writer is not interrupt-safe: a file channel touched by an interrupted thread (its write lock's, say)
        // is closed, and the writer with it. A crawl cycle cancelled at shutdown interrupts its thread; the write goes
        // through and the interrupt is handed back afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            write(docs);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(List<ScoredDocument> docs) throws IOException {
        List<byte[]> records = new ArrayList<>(docs.size());
        for (ScoredDocument doc : docs) {
            records.add(ScoredDocumentCodec.encode(doc));
        }
        Generation g = writableGeneration();
        long position = -1;
        // A failure that condemns the writer generation: handled after leaving the shared section, since rolling the
        // writer back needs the gate exclusively.
        Exception failure = null;
        gate.readLock().lock();
        try {
            if (live != g) {
                // A failure rolled the writer back and a new one opened since: refused, the caller offers them again.
                throw refused(new IOException("a concurrent write to the index failed and was rolled back; these documents were not stored"));
            }
            for (int i = 0; i < docs.size() && failure == null; i++) {
                ScoredDocument doc = docs.get(i);
                try {
                    g.writer().updateDocument(new Term(IndexFields.ID, doc.document().id()), toLucene(doc, records.get(i)));
                } catch (IOException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    if (g.writer().isOpen() && g.writer().getTragicException() == null) {
                        // Lucene refused this one document (an immense term, say) and the writer is fine: a problem of
                        // the document, not of the store, so the crawl goes on and nobody else's write is undone.
                        throw e;
                    }
                    failure = e;
                }
            }
            if (failure == null) {
                try {
                    position = wal.append(records);
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
            }
        } finally {
            gate.readLock().unlock();
        }
        if (failure != null) {
            throw refused(failure, discard(g, failure));
        }
        writes.incrementAndGet();
        try {
            if (wal.sync(position)) {
                walSyncs.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            throw refused(e, discard(g, e));
        }
        indexedTotal.addAndGet(docs.size());
        writeFailures.succeeded();
    }

    /** Deletes exactly the documents fetched before the cutoff, durably (one commit, shared like any write's). */
    @Override
    public long expireFetchedBefore(java.time.Instant cutoff) throws IOException {
        Query expired = LongField.newRangeQuery(IndexFields.FETCHED, Long.MIN_VALUE, cutoff.toEpochMilli() - 1);
        long matching;
        Generation current = live;
        IndexSearcher searcher = acquireCurrent(current);
        try {
            matching = searcher.count(expired);
        } finally {
            current.searchers().release(searcher);
        }
        if (matching == 0) {
            return 0;
        }
        Generation g = writableGeneration();
        Exception failure = null;
        gate.readLock().lock();
        try {
            g.writer().deleteDocuments(expired);
            writes.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            gate.readLock().unlock();
        }
        if (failure != null) {
            throw refused(failure, discard(g, failure));
        }
        // Durable at once, and no log record written before it can bring an expired document back after a crash.
        checkpoint();
        writeFailures.succeeded();
        log.info("retention: removed {} documents fetched before {} from {}", matching, cutoff, path);
        return matching;
    }

    /** The live generation, after opening a new writer if the last one was rolled back. */
    private Generation writableGeneration() throws IOException {
        commitLock.lock();
        try {
            if (!broken) {
                return live;
            }
        } finally {
            commitLock.unlock();
        }
        // The new writer replays the log: no write may append to it meanwhile.
        gate.writeLock().lock();
        commitLock.lock();
        try {
            if (!broken) {
                return live;
            }
            Generation old = live;
            Generation next;
            try {
                next = openGeneration(old.number() + 1);
            } catch (IOException | RuntimeException e) {
                throw refused(e);
            }
            live = next;
            broken = false;
            closeQuietly(old.searchers());
            log.info("index writer at {} reopened on the last commit and the write-ahead log ({} documents)", path,
                    next.writer().getDocStats().numDocs);
            return next;
        } finally {
            commitLock.unlock();
            gate.writeLock().unlock();
        }
    }

    /**
     * Rolls the failed generation back to its last commit (once), so nothing half-written stays or is committed later.
     * Returns why the generation failed: see {@link #failedBecause}.
     */
    private Throwable discard(Generation g, Throwable cause) {
        Throwable tragic = g.writer().getTragicException();
        Throwable reason;
        commitLock.lock();
        try {
            if (failedGeneration != g.number()) {
                failedGeneration = g.number();
                failedBecause = cause;
            }
            if (!WriteFailures.isDiskFull(failedBecause)) {
                if (WriteFailures.isDiskFull(cause)) {
                    failedBecause = cause;
                } else if (tragic != null && WriteFailures.isDiskFull(tragic)) {
                    failedBecause = tragic;
                }
            }
            reason = failedBecause;
            if (live != g || broken) {
                return reason;
            }
            broken = true;
        } finally {
            commitLock.unlock();
        }
        log.warn("index write at {} failed; rolled back to the last commit: {}", path, cause.toString());
        try {
            g.writer().rollback();
        } catch (IOException | RuntimeException e) {
            log.warn("rolling the index writer back failed (a new writer opens on the last commit): {}", e.toString());
        }
        try {
            writableGeneration(); // searches show the last commit again right away
        } catch (IOException e) {
            log.debug("the index writer stays closed until the next write: {}", e.toString());
        }
        return reason;
    }

    /** The failure of this call, carrying why its generation failed when that was another call's failure. */
    private IOException refused(Throwable e, Throwable generationFailure) {
        if (generationFailure == e) {
            return refused(e);
        }
        IOException chained = new IOException(e.getMessage(), generationFailure);
        chained.addSuppressed(e);
        return refused(chained);
    }

    /** The failure as the caller should see it, recorded for health and metrics. */
    private IOException refused(Throwable e) {
        if (WriteFailures.isDiskFull(e)) {
            String message = "索引磁盘已满 the index disk is full at " + path + " (" + usableMiB() + " MiB free): "
                    + "documents are refused until space is freed — " + e.getMessage();
            writeFailures.failed(WriteFailures.Kind.DISK_FULL, message);
            log.error(message);
            return new IOException(message, e);
        }
        String message = "the index at " + path + " refused the write: " + e;
        writeFailures.failed(WriteFailures.Kind.UNAVAILABLE, message);
        return new IOException(message, e);
    }

    private String usableMiB() {
        try {
            return String.format(java.util.Locale.ROOT, "%.1f", Files.getFileStore(path).getUsableSpace() / (1024.0 * 1024.0));
        } catch (IOException e) {
            return "?";
        }
    }

    /** A searcher that sees every write that returned before this call (refreshing first when there were any). */
    private IndexSearcher acquireCurrent(Generation g) throws IOException {
        long seen = writes.get();
        if (refreshedWrites.get() < seen && g.writer().isOpen()) {
            try {
                g.searchers().maybeRefreshBlocking();
                refreshedWrites.accumulateAndGet(seen, Math::max);
            } catch (org.apache.lucene.store.AlreadyClosedException rolledBack) {
                // The writer failed and was rolled back meanwhile: the current searcher shows the last commit.
            }
        }
        return g.searchers().acquire();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", c, e.toString());
        }
    }

    @Override
    public Optional<ScoredDocument> get(String id) throws IOException {
        Generation g = live;
        IndexSearcher searcher = acquireCurrent(g);
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.ID, id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(load(searcher.storedFields(), top.scoreDocs[0].doc));
        } finally {
            g.searchers().release(searcher);
        }
    }

    @Override
    public long count() throws IOException {
        Generation g = live;
        IndexSearcher searcher = acquireCurrent(g);
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            g.searchers().release(searcher);
        }
    }

    @Override
    public SearchResults search(SearchQuery q) throws InvalidQueryException, IOException {
        Query textQuery = parse(q.query());
        Query query = withFilters(textQuery, q);
        Generation g = live;
        IndexSearcher searcher = acquireCurrent(g);
        try {
            FacetCollectorManager.Counts counts;
            TopDocs top;
            try {
                boolean matchesAll = textQuery == null && !filtered(q);
                var facets = new FacetCollectorManager(FACET_FIELDS, matchesAll, facetOrdinals);
                int wanted = q.offset() + q.limit();
                var firstHits = new TopFieldCollectorManager(sortFor(q.order()), wanted, null, wanted);
                if (matchesAll || q.order() == SearchQuery.Order.RELEVANCE) {
                    // Two passes: the facets of everything come from per-segment totals without visiting documents,
                    // and the first hits by time skip whole ranges of documents (or, by relevance, score only the
                    // best candidates) — cheaper alone than inside a pass that must visit every match.
                    counts = searcher.search(query, facets);
                    top = searcher.search(query, firstHits);
                } else {
                    // Facets must visit every match anyway: take the first hits by time or risk in the same pass
                    // rather than evaluating the query a second time.
                    Object[] both = searcher.search(query, new MultiCollectorManager(facets, firstHits));
                    counts = (FacetCollectorManager.Counts) both[0];
                    top = (TopDocs) both[1];
                }
            } catch (IndexSearcher.TooManyClauses e) {
                throw new InvalidQueryException(q.query(), "查询展开后的词过多，请缩小通配符范围 (query expands to too many terms)");
            }
            StoredFields stored = searcher.storedFields();
            List<SearchHit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = q.offset(); i < docs.length; i++) {
                ScoredDocument doc = load(stored, docs[i].doc);
                hits.add(new SearchHit(doc, snippets.snippet(textQuery, doc.document().text())));
            }
            return new SearchResults(counts.total(), hits, counts.facets());
        } finally {
            g.searchers().release(searcher);
        }
    }

    @Override
    public long count(SearchQuery q) throws InvalidQueryException, IOException {
        Query query = withFilters(parse(q.query()), q);
        Generation g = live;
        IndexSearcher searcher = acquireCurrent(g);
        try {
            return searcher.count(query);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidQueryException(q.query(), "查询展开后的词过多，请缩小通配符范围 (query expands to too many terms)");
        } finally {
            g.searchers().release(searcher);
        }
    }

    @Override
    public void close() throws IOException {
        checkpoints.shutdown(); // not shutdownNow: an interrupted commit would fail the writer
        try {
            checkpoints.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            // A failed checkpoint leaves the log in place: the next open puts its records back.
            checkpoint();
        } catch (IOException e) {
            log.warn("closing the index at {} without a final commit; the write-ahead log keeps its documents: {}", path, e.getMessage());
        }
        Generation g = live;
        try {
            g.searchers().close();
            if (broken) {
                g.writer().rollback();
            } else {
                g.writer().close();
            }
        } finally {
            wal.close();
            searchThreads.shutdown();
            analyzer.close();
            directory.close();
        }
    }

    private Query parse(String text) throws InvalidQueryException {
        return ClassicQuerySyntax.parse(text, analyzer);
    }

    private static Query withFilters(Query textQuery, SearchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(textQuery == null ? MatchAllDocsQuery.INSTANCE : textQuery, BooleanClause.Occur.MUST);
        if (q.enterpriseId() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.ENTERPRISE, q.enterpriseId()), BooleanClause.Occur.FILTER);
        }
        if (q.category() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.CATEGORY, q.category().code()), BooleanClause.Occur.FILTER);
        }
        if (q.level() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.LEVEL, q.level().code()), BooleanClause.Occur.FILTER);
        }
        if (q.sourceId() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.SOURCE, q.sourceId()), BooleanClause.Occur.FILTER);
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli() - 1;
            b.add(LongField.newRangeQuery(IndexFields.TIME, from, to), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    private static boolean filtered(SearchQuery q) {
        return q.enterpriseId() != null || q.category() != null || q.level() != null || q.sourceId() != null
                || q.from() != null || q.to() != null;
    }

    private static Sort sortFor(SearchQuery.Order order) {
        SortField newest = LongField.newSortField(IndexFields.TIME, true, SortedNumericSelector.Type.MAX);
        SortField byId = KeywordField.newSortField(IndexFields.ID, false, SortedSetSelector.Type.MIN);
        return switch (order) {
            case NEWEST -> new Sort(newest, byId);
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, newest, byId);
            case RISK -> new Sort(IntField.newSortField(IndexFields.SCORE, true, SortedNumericSelector.Type.MAX), newest, byId);
        };
    }

    private static org.apache.lucene.document.Document toLucene(ScoredDocument sd, byte[] snapshot) {
        Document d = sd.document();
        org.apache.lucene.document.Document doc = new org.apache.lucene.document.Document();
        doc.add(new KeywordField(IndexFields.ID, d.id(), Field.Store.YES));
        doc.add(new KeywordField(IndexFields.URL, d.url(), Field.Store.YES));
        doc.add(new KeywordField(IndexFields.SOURCE, d.sourceId(), Field.Store.YES));
        doc.add(new KeywordField(IndexFields.AUTHOR, d.author(), Field.Store.NO));
        doc.add(new KeywordField(IndexFields.OUTLET, d.outlet(), Field.Store.NO));
        doc.add(new LongField(IndexFields.TIME, d.effectiveTime().toEpochMilli(), Field.Store.NO));
        if (d.publishedAt() != null) {
            doc.add(new LongField(IndexFields.PUBLISHED, d.publishedAt().toEpochMilli(), Field.Store.NO));
        }
        doc.add(new LongField(IndexFields.FETCHED, d.fetchedAt().toEpochMilli(), Field.Store.NO));
        for (Mention m : sd.mentions()) {
            doc.add(new KeywordField(IndexFields.ENTERPRISE, m.enterpriseId(), Field.Store.NO));
            doc.add(new KeywordField(IndexFields.ENTERPRISE_NAME, m.name(), Field.Store.NO));
        }
        for (RiskCategory c : sd.risk().categories()) {
            doc.add(new KeywordField(IndexFields.CATEGORY, c.code(), Field.Store.NO));
        }
        doc.add(new KeywordField(IndexFields.LEVEL, sd.risk().level().code(), Field.Store.NO));
        doc.add(new IntField(IndexFields.SCORE, sd.risk().score(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TITLE_WORDS, d.title(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TITLE_BIGRAMS, d.title(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TEXT_WORDS, d.text(), Field.Store.NO));
        doc.add(new TextField(IndexFields.TEXT_BIGRAMS, d.text(), Field.Store.NO));
        doc.add(new StoredField(IndexFields.SNAPSHOT, snapshot));
        return doc;
    }

    static ScoredDocument load(StoredFields stored, int docId) throws IOException {
        BytesRef bytes = stored.document(docId).getBinaryValue(IndexFields.SNAPSHOT);
        if (bytes == null) {
            throw new IOException("index document " + docId + " has no stored snapshot");
        }
        return ScoredDocumentCodec.decode(bytes.bytes, bytes.offset, bytes.length);
    }
}
