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
 * from an array a few nanoseconds. The counts stay exact. Cost: about 15 MB of heap per million documents (two bytes
 * per value and four per document for each multi-valued field), built once per segment — for merged segments by the
 * writer's merge thread, for new small ones when the searcher is refreshed — and dropped when the segment closes.
 *
 * <p>Keyed by the segment's core: its doc values never change (this store never updates doc values in place), and
 * deletions are applied by the query, not here.
 */
final class FacetOrdinals {
    /** Marks "no value" in a single-valued field's array. */
    static final char NONE = Character.MAX_VALUE;

    /** One field of one segment: a single-valued field has {@code starts == null} and one ordinal (or NONE) per document. */
    record Field(String[] labels, int[] starts, char[] ords) {
        boolean singleValued() {
            return starts == null;
        }
    }

    /** One segment's facet fields, in the order asked for; a null field could not be cached (too many values). */
    record Segment(Field[] fields) {
    }

    private final List<String> fieldNames;
    private final Map<IndexReader.CacheKey, Segment> segments = new ConcurrentHashMap<>();

    FacetOrdinals(List<String> fieldNames) {
        this.fieldNames = List.copyOf(fieldNames);
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
            fields[i] = field(reader, fieldNames.get(i));
        }
        return new Segment(fields);
    }

    private static Field field(LeafReader reader, String name) throws IOException {
        int maxDoc = reader.maxDoc();
        SortedSetDocValues values = DocValues.getSortedSet(reader, name);
        long valueCount = values.getValueCount();
        if (valueCount >= NONE) {
            return null; // more distinct values than a char holds: counted from doc values instead
        }
        String[] labels = new String[(int) valueCount];
        for (int ord = 0; ord < labels.length; ord++) {
            labels[ord] = values.lookupOrd(ord).utf8ToString();
        }
        if (DocValues.unwrapSingleton(values) != null) {
            char[] ords = new char[maxDoc];
            java.util.Arrays.fill(ords, NONE);
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                ords[doc] = (char) values.nextOrd();
            }
            return new Field(labels, null, ords);
        }
        int[] starts = new int[maxDoc + 1];
        char[] ords = new char[Math.max(16, maxDoc)];
        int at = 0;
        int doc = values.nextDoc();
        for (int d = 0; d < maxDoc; d++) {
            starts[d] = at;
            if (d == doc) {
                int n = values.docValueCount();
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
        return new Field(labels, starts, java.util.Arrays.copyOf(ords, at));
    }
}
