package io.yuqing.indexer.store;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the values of keyword fields (their sorted-set doc values) over every matching document, and the matches
 * themselves. Counting happens per segment by ordinal; ordinals become strings once per segment.
 *
 * <p>Shortcuts keep the counts exact and the cost per hit small (issue #4: 1 M documents): the values are read from
 * {@link FacetOrdinals}' arrays rather than doc values (a field with one value per document in a segment, such as
 * level or source, is read as single-valued when there are no arrays); and when the query matches every document
 * ({@code matchesAll}, the search page's first view), a segment without deletions is not visited document by document:
 * its counts over all documents are kept with its arrays, or else read from its terms dictionary (a value's document
 * frequency is the number of documents holding it).
 */
final class FacetCollectorManager implements CollectorManager<FacetCollectorManager.FacetCollector, FacetCollectorManager.Counts> {
    /** Hits counted at a time per field. */
    private static final int BUFFER = 1024;
    /** Facet name → field, in the order the facets are reported. */
    private final List<Map.Entry<String, String>> fields;
    private final boolean matchesAll;
    /** The segments' facet values as arrays, or null to read doc values. */
    private final FacetOrdinals ordinals;

    /** Total matches and value counts per facet. */
    record Counts(long total, Map<String, Map<String, Long>> facets) {
    }

    /**
     * @param fields     facet name → keyword field
     * @param matchesAll the query matches every live document (no text, no filter), so whole segments can be counted
     *                   from their terms
     * @param ordinals   the facet values of the segments as arrays, for the same fields in the same order; null to
     *                   read doc values
     */
    FacetCollectorManager(List<Map.Entry<String, String>> fields, boolean matchesAll, FacetOrdinals ordinals) {
        this.fields = List.copyOf(fields);
        this.matchesAll = matchesAll;
        this.ordinals = ordinals;
    }

    @Override
    public FacetCollector newCollector() {
        return new FacetCollector();
    }

    @Override
    public Counts reduce(Collection<FacetCollector> collectors) {
        long total = 0;
        Map<String, Map<String, Long>> merged = new HashMap<>();
        for (FacetCollector c : collectors) {
            total += c.total;
            c.counts.forEach((facet, values) -> values.forEach(
                    (value, n) -> merged.computeIfAbsent(facet, k -> new HashMap<>()).merge(value, n, Long::sum)));
            for (int i = 0; i < fields.size(); i++) {
                long[] byNumber = c.byNumber[i];
                if (byNumber == null) {
                    continue;
                }
                String[] labels = ordinals.values(i).labels();
                Map<String, Long> facet = merged.computeIfAbsent(fields.get(i).getKey(), k -> new HashMap<>());
                for (int id = 0; id < byNumber.length; id++) {
                    if (byNumber[id] > 0) {
                        facet.merge(labels[id], byNumber[id], Long::sum);
                    }
                }
            }
        }
        Map<String, Map<String, Long>> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : fields) {
            String facet = field.getKey();
            Map<String, Long> values = new LinkedHashMap<>();
            merged.getOrDefault(facet, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> values.put(e.getKey(), e.getValue()));
            sorted.put(facet, values);
        }
        return new Counts(total, sorted);
    }

    final class FacetCollector implements Collector {
        private long total;
        /** Counts by value, for segments counted from doc values or terms. */
        private final Map<String, Map<String, Long>> counts = new HashMap<>();
        /** Counts by value number ({@link FacetOrdinals.Values}) per field, for segments counted from arrays; or null. */
        private final long[][] byNumber = new long[fields.size()][];

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            LeafReader reader = context.reader();
            int n = fields.size();
            FacetOrdinals.Field[] cached = ordinals == null ? new FacetOrdinals.Field[n] : ordinals.of(reader).fields();
            if (matchesAll && !reader.hasDeletions()) {
                total += reader.maxDoc();
                for (int i = 0; i < n; i++) {
                    if (cached[i] != null) {
                        addByNumber(i, cached[i].ids(), cached[i].everyDocument());
                    } else {
                        countFromTerms(reader, i);
                    }
                }
                throw new CollectionTerminatedException(); // this segment is fully counted
            }
            SortedSetDocValues[] multi = new SortedSetDocValues[n];
            SortedDocValues[] single = new SortedDocValues[n];
            int[][] ordCounts = new int[n][];
            for (int i = 0; i < n; i++) {
                if (cached[i] != null) {
                    ordCounts[i] = new int[cached[i].ids().length + 1]; // + the slot of "none"
                } else {
                    multi[i] = DocValues.getSortedSet(reader, fields.get(i).getValue());
                    single[i] = DocValues.unwrapSingleton(multi[i]);
                    ordCounts[i] = new int[Math.toIntExact(multi[i].getValueCount())];
                }
            }
            return new LeafCollector() {
                private int collected;
                /** Hits are gathered and counted field by field: tight loops over arrays, one field at a time. */
                private final int[] buffer = new int[BUFFER];
                private int buffered;

                @Override
                public void setScorer(Scorable scorer) {
                    // counts do not need scores
                }

                @Override
                public void collect(int doc) throws IOException {
                    buffer[buffered++] = doc;
                    if (buffered == BUFFER) {
                        flush();
                    }
                }

                private void flush() throws IOException {
                    int m = buffered;
                    collected += m;
                    buffered = 0;
                    for (int i = 0; i < n; i++) {
                        FacetOrdinals.Field f = cached[i];
                        int[] c = ordCounts[i];
                        if (f != null && f.columns() != null) {
                            for (char[] column : f.columns()) {
                                for (int j = 0; j < m; j++) {
                                    c[column[buffer[j]]]++; // "none" counts in the extra last slot
                                }
                            }
                        } else if (f != null) {
                            char[] ords = f.ords();
                            int[] starts = f.starts();
                            for (int j = 0; j < m; j++) {
                                int doc = buffer[j];
                                for (int k = starts[doc], end = starts[doc + 1]; k < end; k++) {
                                    c[ords[k]]++;
                                }
                            }
                        } else if (single[i] != null) {
                            for (int j = 0; j < m; j++) {
                                if (single[i].advanceExact(buffer[j])) {
                                    c[single[i].ordValue()]++;
                                }
                            }
                        } else {
                            for (int j = 0; j < m; j++) {
                                if (multi[i].advanceExact(buffer[j])) {
                                    for (int k = multi[i].docValueCount(); k > 0; k--) {
                                        c[(int) multi[i].nextOrd()]++;
                                    }
                                }
                            }
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    flush();
                    total += collected;
                    for (int i = 0; i < n; i++) {
                        int[] c = ordCounts[i];
                        if (cached[i] != null) {
                            addByNumber(i, cached[i].ids(), c);
                            continue;
                        }
                        Map<String, Long> facet = counts.computeIfAbsent(fields.get(i).getKey(), k -> new HashMap<>());
                        for (int ord = 0; ord < c.length; ord++) {
                            if (c[ord] > 0) {
                                facet.merge(multi[i].lookupOrd(ord).utf8ToString(), (long) c[ord], Long::sum);
                            }
                        }
                    }
                }
            };
        }

        /** Adds a segment's counts by ordinal (ids: ordinal → value number) to field {@code i}'s counts by number. */
        private void addByNumber(int i, int[] ids, int[] byOrd) {
            long[] sums = byNumber[i];
            int needed = ordinals.values(i).labels().length;
            if (sums == null || sums.length < needed) {
                sums = byNumber[i] = sums == null ? new long[needed] : java.util.Arrays.copyOf(sums, needed);
            }
            for (int ord = 0; ord < ids.length; ord++) {
                sums[ids[ord]] += byOrd[ord];
            }
        }

        /** Every document of a segment without deletions matches: each value of field {@code i} counts its document frequency. */
        private void countFromTerms(LeafReader reader, int i) throws IOException {
            Map<String, Long> facet = counts.computeIfAbsent(fields.get(i).getKey(), k -> new HashMap<>());
            Terms terms = reader.terms(fields.get(i).getValue());
            if (terms == null) {
                return;
            }
            TermsEnum values = terms.iterator();
            for (BytesRef value = values.next(); value != null; value = values.next()) {
                facet.merge(value.utf8ToString(), (long) values.docFreq(), Long::sum);
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
