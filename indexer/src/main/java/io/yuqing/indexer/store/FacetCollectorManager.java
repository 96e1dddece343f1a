package io.yuqing.indexer.store;

import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the values of keyword fields (their sorted-set doc values) over every matching document, and the matches
 * themselves. Counting happens per segment by ordinal; ordinals become strings once per segment.
 */
final class FacetCollectorManager implements CollectorManager<FacetCollectorManager.FacetCollector, FacetCollectorManager.Counts> {
    /** Facet name → field. */
    private final Map<String, String> fields;

    /** Total matches and value counts per facet. */
    record Counts(long total, Map<String, Map<String, Long>> facets) {
    }

    FacetCollectorManager(Map<String, String> fields) {
        this.fields = Map.copyOf(fields);
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
        }
        Map<String, Map<String, Long>> sorted = new LinkedHashMap<>();
        for (String facet : fields.keySet()) {
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
        private final Map<String, Map<String, Long>> counts = new HashMap<>();

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            List<Map.Entry<String, String>> facetFields = List.copyOf(fields.entrySet());
            SortedSetDocValues[] values = new SortedSetDocValues[facetFields.size()];
            long[][] ordCounts = new long[facetFields.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = DocValues.getSortedSet(context.reader(), facetFields.get(i).getValue());
                ordCounts[i] = new long[(int) values[i].getValueCount()];
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                    // counts do not need scores
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    for (int i = 0; i < values.length; i++) {
                        if (values[i].advanceExact(doc)) {
                            for (int k = 0; k < values[i].docValueCount(); k++) {
                                ordCounts[i][(int) values[i].nextOrd()]++;
                            }
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int i = 0; i < values.length; i++) {
                        Map<String, Long> facet = counts.computeIfAbsent(facetFields.get(i).getKey(), k -> new HashMap<>());
                        for (int ord = 0; ord < ordCounts[i].length; ord++) {
                            if (ordCounts[i][ord] > 0) {
                                facet.merge(values[i].lookupOrd(ord).utf8ToString(), ordCounts[i][ord], Long::sum);
                            }
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
