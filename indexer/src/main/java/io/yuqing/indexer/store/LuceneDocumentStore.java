package io.yuqing.indexer.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The document store: a Lucene index of scored documents, searchable in Chinese.
 *
 * <p>Durable: {@link #index} and {@link #indexAll} return only once their documents are synced to the index's
 * write-ahead log, so a crash or restart loses nothing that was acknowledged; the index is committed every few seconds
 * (a checkpoint) — see {@link DurableIndexWriter}. Near-real-time: a document is searchable as soon as {@code index}
 * returns; the searcher is refreshed lazily by the first read after a write rather than after every write. Safe for
 * use by several threads.
 *
 * <p>Title and text are indexed twice, segmented into words by smartcn and cut into Han bigrams, and queries run
 * over both: smartcn ranks well, bigrams make sure a name or phrase is found however smartcn splits it in context
 * ({@link LuceneDocuments} lays documents out, {@link LuceneSearches} searches them, facets included).
 *
 * <p>A failed write (disk full, above all) is refused as a whole and leaves the index holding exactly what was
 * acknowledged, never half-written; calls waiting on the failed sync or checkpoint are refused too.
 */
public final class LuceneDocumentStore implements DocumentStore {
    private static final Logger log = LoggerFactory.getLogger(LuceneDocumentStore.class);

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer;
    private final LuceneSearches searches;
    private final DurableIndexWriter writer;

    private LuceneDocumentStore(Path path, Directory directory, Analyzer analyzer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.analyzer = analyzer;
        this.searches = new LuceneSearches(analyzer);
        try {
            this.writer = new DurableIndexWriter(path, directory, analyzer, searches.searcherFactory(), searches.mergedSegmentWarmer());
        } catch (IOException | RuntimeException e) {
            searches.close();
            throw e;
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
        StoreMetrics.bind(registry, writer.indexedTotal(), writer.writeFailures(), this);
        writer.bindMetrics(registry);
    }

    @Override
    public StoreHealth health() {
        return StoreMetrics.probe(writer.writeFailures(), this);
    }

    /**
     * Adds or replaces all the documents; returns once they are durable (their log records synced) and searchable. A
     * failure (the disk full, above all) refuses the whole call with an IOException saying what happened, and leaves
     * none of these documents behind.
     */
    @Override
    public void indexAll(List<ScoredDocument> docs) throws IOException {
        if (docs.isEmpty()) {
            return;
        }
        writer.write(docs);
    }

    /** Commits the index and deletes the write-ahead log files the commit covers (also done every few seconds). */
    void checkpoint() throws IOException {
        writer.checkpoint();
    }

    /** Deletes exactly the documents fetched before the cutoff, durably (one commit, shared like any write's). */
    @Override
    public long expireFetchedBefore(Instant cutoff) throws IOException {
        Query expired = LuceneDocuments.fetchedBefore(cutoff.toEpochMilli());
        long matching = searches.count(writer, expired);
        if (matching == 0) {
            return 0;
        }
        writer.deleteDurably(expired);
        log.info("retention: removed {} documents fetched before {} from {}", matching, cutoff, path);
        return matching;
    }

    @Override
    public Optional<ScoredDocument> get(String id) throws IOException {
        return searches.get(writer, id);
    }

    @Override
    public long count() throws IOException {
        return searches.count(writer);
    }

    @Override
    public SearchResults search(SearchQuery q) throws InvalidQueryException, IOException {
        return searches.search(writer, q);
    }

    @Override
    public long count(SearchQuery q) throws InvalidQueryException, IOException {
        return searches.count(writer, q);
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            searches.close();
            analyzer.close();
            directory.close();
        }
    }
}
