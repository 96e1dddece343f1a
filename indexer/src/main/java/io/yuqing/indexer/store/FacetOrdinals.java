package io.yuqing.indexer.store;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The facet fields of each segment as plain arrays of ordinals, kept on the heap for as long as the segment lives.
 *
 * <p>Why: a search matching most of a million documents must count four facets for every one of them; read through
 * doc values that costs about a microsecond per hit (≈ 1 s for 1 M hits on this project's machine, issue #4), read
 * from an array a few nanoseconds. The counts stay exact. Cost: two bytes per document per column (one column for a
 * single-valued field, as many as the most values a document has, up to {@value #MAX_COLUMNS}: about 16 MB per
 * million documents for this index's four facets), built once per segment — for merged segments by the
 * writer's merge thread, for new small ones when the searcher is refreshed — and dropped when the segment closes.
 *
 * <p>Keyed by the segment's core: its doc values never change (this store never updates doc values in place), and
 * deletions are applied by the query, not here.
 */
final class FacetOrdinals {
    /** Up to this many values per document a field is kept as columns; beyond, as a list per document. */
    static final int MAX_COLUMNS = 4;

    /**
     * One field of one segment; {@code ids} maps the segment's ordinals to the field's value numbers ({@link Values}).
     * Either {@code columns}: column k holds each document's k-th ordinal, or {@code ids.length} (one past the last
     * ordinal) where it has fewer values — so counting needs no branch: the extra slot takes the "none"s; or, for a
     * field with more than {@value #MAX_COLUMNS} values in some document, {@code ords[starts[d]..starts[d+1])}.
     * {@code everyDocument}: the count of each ordinal over all the segment's documents, deleted ones included (what
     * a search matching everything adds up for a segment without deletions).
     */
    record Field(int[] ids, char[][] columns, int[] starts, char[] ords, int[] everyDocument) {
    }

    /**
     * Every value seen in one field, numbered once for all segments: per-segment counts then add up by array index
     * instead of by string lookups (thousands of enterprises × dozens of segments per search otherwise).
     */
    static final class Values {
        private final Map<String, Integer> ids = new java.util.HashMap<>();
        private final List<String> added = new java.util.ArrayList<>();
        /** Labels by number; replaced (never changed) when values are added. */
        private volatile String[] labels = new String[0];

        private synchronized int[] number(String[] segmentLabels) {
            int[] out = new int[segmentLabels.length];
            for (int ord = 0; ord < out.length; ord++) {
                out[ord] = ids.computeIfAbsent(segmentLabels[ord], l -> {
                    added.add(l);
                    return added.size() - 1;
                });
            }
            if (added.size() != labels.length) {
                labels = added.toArray(String[]::new);
            }
            return out;
        }

        /** Labels by number: every number handed out before this call is covered. */
        String[] labels() {
            return labels;
        }
    }

    /** One segment's facet fields, in the order asked for; a null field could not be cached (too many values). */
    record Segment(Field[] fields) {
    }

    private final List<String> fieldNames;
    private final Values[] values;
    private final Map<IndexReader.CacheKey, Segment> segments = new ConcurrentHashMap<>();

    FacetOrdinals(List<String> fieldNames) {
        this.fieldNames = List.copyOf(fieldNames);
        this.values = new Values[fieldNames.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = new Values();
        }
    }

    /** The value numbers of field {@code i} (in the order given to the constructor). */
    Values values(int i) {
        return values[i];
    }

    /** The segment's arrays, built on first use. */
    Segment of(LeafReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return build(reader);
        }
        IndexReader.CacheKey key = helper.getKey();
        Segment cached = segments.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            return segments.computeIfAbsent(key, k -> {
                try {
                    Segment built = build(reader);
                    helper.addClosedListener(segments::remove);
                    return built;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Segments held now (for tests and metrics). */
    int size() {
        return segments.size();
    }

    private Segment build(LeafReader reader) throws IOException {
        Field[] fields = new Field[fieldNames.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = field(reader, fieldNames.get(i), values[i]);
        }
        return new Segment(fields);
    }

    private static Field field(LeafReader reader, String name, Values numbers) throws IOException {
        int maxDoc = reader.maxDoc();
        SortedSetDocValues values = DocValues.getSortedSet(reader, name);
        long valueCount = values.getValueCount();
        if (valueCount >= Character.MAX_VALUE) {
            return null; // more distinct values than a char holds (one is kept for "none"): counted from doc values
        }
        String[] labels = new String[(int) valueCount];
        for (int ord = 0; ord < labels.length; ord++) {
            labels[ord] = values.lookupOrd(ord).utf8ToString();
        }
        int[] ids = numbers.number(labels);
        int[] starts = new int[maxDoc + 1];
        char[] ords = new char[Math.max(16, maxDoc)];
        int at = 0;
        int most = 0;
        int doc = values.nextDoc();
        for (int d = 0; d < maxDoc; d++) {
            starts[d] = at;
            if (d == doc) {
                int n = values.docValueCount();
                most = Math.max(most, n);
                if (at + n > ords.length) {
                    ords = java.util.Arrays.copyOf(ords, Math.max(at + n, ords.length + (ords.length >> 1)));
                }
                for (int k = 0; k < n; k++) {
                    ords[at++] = (char) values.nextOrd();
                }
                doc = values.nextDoc();
            }
        }
        starts[maxDoc] = at;
        int[] everyDocument = new int[labels.length];
        for (int k = 0; k < at; k++) {
            everyDocument[ords[k]]++;
        }
        if (most > MAX_COLUMNS) {
            return new Field(ids, null, starts, java.util.Arrays.copyOf(ords, at), everyDocument);
        }
        char none = (char) valueCount;
        char[][] columns = new char[Math.max(1, most)][maxDoc];
        for (char[] column : columns) {
            java.util.Arrays.fill(column, none);
        }
        for (int d = 0; d < maxDoc; d++) {
            for (int k = starts[d]; k < starts[d + 1]; k++) {
                columns[k - starts[d]][d] = ords[k];
            }
        }
        return new Field(ids, columns, null, null, everyDocument);
    }
}
