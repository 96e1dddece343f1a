package io.yuqing.indexer.store;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The write side of {@link LuceneDocumentStore}: Lucene's index writer made durable by the write-ahead log.
 *
 * <p>{@link #write} returns only once its documents are synced to the log ({@link WriteAheadLog}, in {@code wal/}
 * inside the index directory), so a crash or restart loses nothing that was acknowledged: opening puts the log's
 * records into the index again. Syncs are grouped: while one runs, the calls that arrive meanwhile wait and then share
 * the next one. The Lucene index itself is committed every {@link #CHECKPOINT_EVERY} (a checkpoint), after which the
 * log files it covers are deleted — one commit per checkpoint instead of one per group of documents, each of which
 * flushed a tiny segment, synced half a dozen files and left merges behind.
 *
 * <p>A failed write (disk full, above all) is refused as a whole: the writer's uncommitted changes are rolled back and
 * a fresh writer (the next generation) opens on the last commit with the log's acknowledged records put back, so the
 * index holds what was acknowledged and is never left half-written. Calls that were waiting on the failed sync or
 * checkpoint are refused too, never wrongly acknowledged. Each generation's writer feeds its own near-real-time
 * searchers, handed out by {@link #acquire}; what a searcher is made of (the search threads, the facet arrays of new
 * segments) is the caller's {@link SearcherFactory}.
 */
final class DurableIndexWriter implements Closeable {
    // The store's logger: operators know these lines by it.
    private static final Logger log = LoggerFactory.getLogger(LuceneDocumentStore.class);

    /** How often the Lucene index is committed and the write-ahead log files it covers deleted. */
    static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(10);

    /** One writer and the searchers it feeds; replaced by the next generation after a failed write. */
    private record Generation(long number, IndexWriter writer, SearcherManager searchers) {
    }

    /** A searcher borrowed from its generation; closing gives it back. */
    record Lease(IndexSearcher searcher, SearcherManager from) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            from.release(searcher);
        }
    }

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer;
    private final SearcherFactory searcherFactory;
    private final IndexWriter.IndexReaderWarmer mergedSegmentWarmer;
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
    private final AtomicLong indexedTotal = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final WriteFailures writeFailures = new WriteFailures();

    /** Guards {@link #live} changes and {@link #broken}. */
    private final ReentrantLock commitLock = new ReentrantLock();

    private final WriteAheadLog wal;
    /**
     * Writes hold it shared while they add documents to the writer and append their records to the log; a checkpoint
     * holds it exclusively to roll the log, and a new writer generation to replay it, so a rolled-off log file only
     * holds records the writer being committed has, and a replay misses no record appended before it.
     */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    private final ReentrantLock checkpointLock = new ReentrantLock();
    private final AtomicLong walSyncs = new AtomicLong();
    private final ScheduledExecutorService checkpoints;

    /** Writes made (counted after they return) and writes the current searcher is known to see. */
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong refreshedWrites = new AtomicLong();

    /**
     * Opens a writer on the index in {@code directory} (at {@code path}), puts back and commits what the write-ahead
     * log holds, and starts the checkpoints. Neither the directory nor the analyzer is closed by this class.
     *
     * @param searcherFactory     makes the searchers of each generation
     * @param mergedSegmentWarmer prepares a merged segment on the merge thread, before searches see it
     */
    DurableIndexWriter(Path path, Directory directory, Analyzer analyzer, SearcherFactory searcherFactory,
                       IndexWriter.IndexReaderWarmer mergedSegmentWarmer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.analyzer = analyzer;
        this.searcherFactory = searcherFactory;
        this.mergedSegmentWarmer = mergedSegmentWarmer;
        this.wal = WriteAheadLog.open(WriteAheadLog.dirOf(path));
        try {
            this.live = openGeneration(0);
        } catch (IOException | RuntimeException e) {
            wal.close();
            throw e;
        }
        try {
            // What a crash left in the log is in the writer now: make it part of the index proper straight away.
            checkpoint();
        } catch (IOException | RuntimeException e) {
            closeQuietly(live.searchers());
            live.writer().rollback();
            wal.close();
            throw e;
        }
        this.checkpoints = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("yuqing-index-checkpoint").factory());
        long every = CHECKPOINT_EVERY.toMillis();
        checkpoints.scheduleWithFixedDelay(this::checkpointQuietly, every, every, TimeUnit.MILLISECONDS);
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
                .setMergedSegmentWarmer(mergedSegmentWarmer);
        IndexWriter writer = new IndexWriter(directory, config);
        try {
            replay(writer);
            return new Generation(number, writer, new SearcherManager(writer, searcherFactory));
        } catch (IOException | RuntimeException e) {
            writer.rollback();
            throw e;
        }
    }

    /** Puts every record of the write-ahead log into a writer just opened on the last commit. */
    private void replay(IndexWriter writer) throws IOException {
        List<byte[]> records = wal.readAll();
        for (byte[] record : records) {
            ScoredDocument doc = LuceneDocuments.decode(record);
            writer.updateDocument(LuceneDocuments.idTerm(doc.document().id()), LuceneDocuments.build(doc, record));
        }
        if (!records.isEmpty()) {
            log.info("index at {}: {} documents from the write-ahead log put back after the last commit", path, records.size());
        }
    }

    /**
     * Counter {@code yuqing.index.commits} (checkpoints) and counter {@code yuqing.index.wal.syncs}; the meters every
     * store exports are bound by {@link StoreMetrics} over {@link #indexedTotal()} and {@link #writeFailures()}.
     */
    void bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("yuqing.index.commits", commits, AtomicLong::get)
                .description("Index commits (checkpoints after which the write-ahead log files they cover are deleted)")
                .register(registry);
        FunctionCounter.builder("yuqing.index.wal.syncs", walSyncs, AtomicLong::get)
                .description("Syncs of the index's write-ahead log; fewer than writes when concurrent writes share one")
                .register(registry);
    }

    /** Documents written since opening (new and updated). */
    AtomicLong indexedTotal() {
        return indexedTotal;
    }

    /** The outcome of the latest write, for health and metrics. */
    WriteFailures writeFailures() {
        return writeFailures;
    }

    /**
     * Adds or replaces the documents (not empty); returns once their log records are synced. A failure refuses the
     * whole call and leaves none of them behind; a document Lucene cannot take alone (an immense term) is refused with
     * Lucene's own exception and the writer stays as it was.
     */
    void write(List<ScoredDocument> docs) throws IOException {
        // Lucene's writer is not interrupt-safe: a file channel touched by an interrupted thread (its write lock's, say)
        // is closed, and the writer with it. A crawl cycle cancelled at shutdown interrupts its thread; the write goes
        // through and the interrupt is handed back afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            writeUninterrupted(docs);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeUninterrupted(List<ScoredDocument> docs) throws IOException {
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
                    g.writer().updateDocument(LuceneDocuments.idTerm(doc.document().id()), LuceneDocuments.build(doc, records.get(i)));
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

    /**
     * Deletes the documents matching {@code query}, durably: committed at once by a checkpoint, so no log record
     * written before it can bring a deleted document back after a crash.
     */
    void deleteDurably(Query query) throws IOException {
        Generation g = writableGeneration();
        Exception failure = null;
        gate.readLock().lock();
        try {
            g.writer().deleteDocuments(query);
            writes.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            failure = e;
        } finally {
            gate.readLock().unlock();
        }
        if (failure != null) {
            throw refused(failure, discard(g, failure));
        }
        checkpoint();
        writeFailures.succeeded();
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
            return String.format(Locale.ROOT, "%.1f", Files.getFileStore(path).getUsableSpace() / (1024.0 * 1024.0));
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * A searcher that sees every write that returned before this call (refreshing first when there were any); the
     * searcher is refreshed lazily by the first read after a write rather than after every write.
     */
    Lease acquire() throws IOException {
        Generation g = live;
        long seen = writes.get();
        if (refreshedWrites.get() < seen && g.writer().isOpen()) {
            try {
                g.searchers().maybeRefreshBlocking();
                refreshedWrites.accumulateAndGet(seen, Math::max);
            } catch (org.apache.lucene.store.AlreadyClosedException rolledBack) {
                // The writer failed and was rolled back meanwhile: the current searcher shows the last commit.
            }
        }
        return new Lease(g.searchers().acquire(), g.searchers());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("closing {} failed: {}", c, e.toString());
        }
    }

    /** Stops the checkpoints, makes a last one and closes the writer and the log; the directory stays open. */
    @Override
    public void close() throws IOException {
        checkpoints.shutdown(); // not shutdownNow: an interrupted commit would fail the writer
        try {
            checkpoints.awaitTermination(30, TimeUnit.SECONDS);
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
        }
    }
}
