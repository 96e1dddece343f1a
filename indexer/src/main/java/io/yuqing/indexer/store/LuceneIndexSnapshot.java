package io.yuqing.indexer.store;

import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of a Lucene document index that another process (a running service) may be writing: the last
 * commit, opened without the index's write lock (readers never need it), plus the documents acknowledged since that
 * commit, read from the index's write-ahead log without touching it. Together that is everything the service had
 * stored at the moment of opening. Nothing is written: no writer, no commit, no replay into the index.
 *
 * <p>The commit and the log are read as a consistent pair: a checkpoint between reading one and the other (it commits,
 * then deletes the log files the commit covers) would leave a gap, so the pair is read again until the commit read is
 * still the newest after the log was read.
 */
public final class LuceneIndexSnapshot implements Closeable {
    private static final int ATTEMPTS = 5;

    /**
     * How current the view is.
     *
     * @param committedAt        when the commit read was written (its segments file's time); null without a commit
     * @param committedDocuments documents in that commit
     * @param loggedDocuments    documents from the write-ahead log: acknowledged after the commit, or (without a
     *                           running service) left by one that stopped without its final commit
     */
    public record Freshness(Instant committedAt, long committedDocuments, int loggedDocuments) {
    }

    /** Items newest first, at most the number asked for; {@code truncated} when the period held more. */
    public record Page(List<ScoredDocument> items, boolean truncated) {
    }

    private final Directory directory;
    /** Null when the index has no commit yet (a service that has not checkpointed anything). */
    private final DirectoryReader reader;
    /** The log's documents by id, the last record of an id winning, as a replay into the writer would. */
    private final Map<String, ScoredDocument> logged;
    private final Freshness freshness;

    private LuceneIndexSnapshot(Directory directory, DirectoryReader reader, Map<String, ScoredDocument> logged,
                                Freshness freshness) {
        this.directory = directory;
        this.reader = reader;
        this.logged = logged;
        this.freshness = freshness;
    }

    /**
     * Opens the index in {@code dir} read-only. Throws {@link NoSuchFileException} when {@code dir} holds neither a
     * commit nor a write-ahead log record (no index there), {@link IOException} when it cannot be read.
     */
    public static LuceneIndexSnapshot open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no index directory");
        }
        Directory directory = FSDirectory.open(dir);
        try {
            DirectoryReader reader = null;
            List<byte[]> records = List.of();
            boolean consistent = false;
            for (int attempt = 0; attempt < ATTEMPTS && !consistent; attempt++) {
                if (reader != null) {
                    reader.close();
                    reader = null;
                }
                try {
                    reader = DirectoryReader.open(directory);
                } catch (IndexNotFoundException noCommitYet) {
                    reader = null;
                }
                records = WriteAheadLog.read(WriteAheadLog.files(WriteAheadLog.dirOf(dir)));
                // A checkpoint that ran meanwhile may have deleted log files this commit does not cover: read again.
                consistent = reader == null ? !DirectoryReader.indexExists(directory) : reader.isCurrent();
            }
            if (!consistent) {
                if (reader != null) {
                    reader.close();
                }
                // Never a view with a gap presented as complete.
                throw new IOException("the index was checkpointed " + ATTEMPTS + " times while being read; try again");
            }
            if (reader == null && records.isEmpty()) {
                throw new NoSuchFileException(dir.toString(), null, "no index commit and no write-ahead log records");
            }
            Map<String, ScoredDocument> logged = new LinkedHashMap<>();
            for (byte[] record : records) {
                ScoredDocument doc = LuceneDocuments.decode(record);
                logged.remove(doc.document().id()); // keeps the map in the order of the last records
                logged.put(doc.document().id(), doc);
            }
            Instant committedAt = null;
            long committedDocuments = 0;
            if (reader != null) {
                committedDocuments = reader.numDocs();
                try {
                    committedAt = Files.getLastModifiedTime(dir.resolve(reader.getIndexCommit().getSegmentsFileName())).toInstant();
                } catch (NoSuchFileException superseded) {
                    // A newer commit replaced it after our read: the view is older than a commit that now exists.
                    committedAt = null;
                }
            }
            return new LuceneIndexSnapshot(directory, reader, logged, new Freshness(committedAt, committedDocuments, logged.size()));
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    public Freshness freshness() {
        return freshness;
    }

    /**
     * The documents whose time (publish time, else fetch time) is in {@code [from, to)}, newest first (ties by id),
     * at most {@code max}: the committed ones, except those the log holds a newer record of, and the logged ones.
     */
    public Page newest(Instant from, Instant to, int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive: " + max);
        }
        Comparator<ScoredDocument> order = Comparator
                .comparing((ScoredDocument d) -> d.document().effectiveTime().toEpochMilli(), Comparator.reverseOrder())
                .thenComparing(d -> d.document().id());
        List<ScoredDocument> all = new ArrayList<>();
        for (ScoredDocument d : logged.values()) {
            long t = d.document().effectiveTime().toEpochMilli();
            if (t >= from.toEpochMilli() && t < to.toEpochMilli()) {
                all.add(d);
            }
        }
        if (reader != null) {
            IndexSearcher searcher = new IndexSearcher(reader);
            Query inPeriod = LuceneDocuments.timeWithin(from.toEpochMilli(), to.toEpochMilli() - 1);
            Sort sort = new Sort(LuceneDocuments.newestFirst(), LuceneDocuments.byId());
            // Enough committed hits to fill the page even if every logged document replaces one of them, and one more
            // to tell whether the period held more.
            int wanted = (int) Math.min(Integer.MAX_VALUE - 1L, (long) max + logged.size() + 1);
            TopFieldDocs top = searcher.search(inPeriod, wanted, sort);
            var stored = searcher.storedFields();
            for (ScoreDoc hit : top.scoreDocs) {
                ScoredDocument d = LuceneDocuments.load(stored, hit.doc);
                if (!logged.containsKey(d.document().id())) {
                    all.add(d);
                }
            }
        }
        all.sort(order);
        boolean truncated = all.size() > max;
        return new Page(List.copyOf(truncated ? all.subList(0, max) : all), truncated);
    }

    @Override
    public void close() throws IOException {
        try {
            if (reader != null) {
                reader.close();
            }
        } finally {
            directory.close();
        }
    }
}
