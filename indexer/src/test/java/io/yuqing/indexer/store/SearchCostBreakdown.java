package io.yuqing.indexer.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.FSDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a search's time goes, part by part, on a built bench index (read-only): visiting the matches alone (query cache off, as for a query seen first), the facet
 * pass read from doc values and from {@link FacetOrdinals}, the top-20 pass, both in one pass, loading the first 20 stored documents with their
 * snippets, and the whole store search (which adds loading the 20 stored documents and their snippets).
 * Medians of the thread's CPU time over repeated runs of each query, after a warm-up.
 *
 * <p>Usage: {@code SearchCostBreakdown DIR query…} (blank query: write ""); {@code -Dbreakdown.store=true} also times
 * the store's whole search (needs the index's write lock: not while a build runs).
 */
public final class SearchCostBreakdown {
    /** Thread CPU time, not wall time: on the shared 2-core machine other work would otherwise swamp the parts. */
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final int REPEAT = Integer.getInteger("breakdown.repeat", 9);

    private SearchCostBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]).resolve("index");
        var facetFields = LuceneSearches.FACET_FIELDS;
        FacetOrdinals ordinals = new FacetOrdinals(facetFields.stream().map(Map.Entry::getValue).toList());
        try (Analyzer analyzer = IndexFields.analyzer();
             var dir = FSDirectory.open(index);
             DirectoryReader reader = DirectoryReader.open(dir);
             LuceneDocumentStore store = Boolean.getBoolean("breakdown.store") ? LuceneDocumentStore.open(index) : null) {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null); // each part pays for evaluating the query, as a query seen first does
            System.out.printf(Locale.ROOT, "%d documents in %d segments; load %s%n", reader.numDocs(), reader.leaves().size(),
                    SearchBench.loadAverage());
            long t0 = System.nanoTime();
            for (var leaf : reader.leaves()) {
                ordinals.of(leaf.reader());
            }
            System.out.printf(Locale.ROOT, "facet arrays built in %.0f ms, heap used %d MB%n", (System.nanoTime() - t0) / 1e6,
                    SearchBench.usedHeapMb());
            System.out.printf(Locale.ROOT, "%-24s %9s %8s %8s %8s %8s %8s %8s %8s%n", "query", "hits", "scan", "facetsDV", "facets",
                    "top20", "both", "20 docs", "store");
            for (int i = 1; i < args.length; i++) {
                String text = args[i];
                Query parsed = ClassicQuerySyntax.parse(text, analyzer);
                Query q = parsed == null ? org.apache.lucene.search.MatchAllDocsQuery.INSTANCE : parsed;
                SearchQuery sq = SearchQuery.of(text);
                long hits = searcher.count(q);
                double count = median(() -> searcher.search(q, new ScanManager()));
                double docValues = median(() -> searcher.search(q, new FacetCollectorManager(facetFields, false, null)));
                double facets = median(() -> searcher.search(q, new FacetCollectorManager(facetFields, parsed == null, ordinals)));
                double top = median(() -> searcher.search(q, new TopFieldCollectorManager(
                        new org.apache.lucene.search.Sort(org.apache.lucene.document.LongField.newSortField(IndexFields.TIME, true,
                                org.apache.lucene.search.SortedNumericSelector.Type.MAX)), 20, null, 20)));
                double onePass = median(() -> searcher.search(q, new org.apache.lucene.search.MultiCollectorManager(
                        new FacetCollectorManager(facetFields, parsed == null, ordinals), new TopFieldCollectorManager(
                        new org.apache.lucene.search.Sort(org.apache.lucene.document.LongField.newSortField(IndexFields.TIME, true,
                                org.apache.lucene.search.SortedNumericSelector.Type.MAX)), 20, null, 20))));
                org.apache.lucene.search.TopDocs first = searcher.search(q, new TopFieldCollectorManager(
                        new org.apache.lucene.search.Sort(org.apache.lucene.document.LongField.newSortField(IndexFields.TIME, true,
                                org.apache.lucene.search.SortedNumericSelector.Type.MAX)), 20, null, 20));
                SnippetMaker snippets = new SnippetMaker(analyzer);
                double page = median(() -> {
                    var stored = searcher.storedFields();
                    for (var hit : first.scoreDocs) {
                        var bytes = stored.document(hit.doc).getBinaryValue(IndexFields.SNAPSHOT);
                        var doc = ScoredDocumentCodec.decode(bytes.bytes, bytes.offset, bytes.length);
                        snippets.snippet(parsed, doc.document().text());
                    }
                    return null;
                });
                double whole = store == null ? Double.NaN : median(() -> store.search(sq));
                System.out.printf(Locale.ROOT, "%-24s %9d %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f%n",
                        text.isEmpty() ? "(all)" : text, hits, count, docValues, facets, top, onePass, page, whole);
            }
        }
    }

    /** Visits every match and does nothing else: the cost of evaluating the query. */
    private static final class ScanManager implements org.apache.lucene.search.CollectorManager<org.apache.lucene.search.SimpleCollector, Long> {
        @Override
        public org.apache.lucene.search.SimpleCollector newCollector() {
            return new org.apache.lucene.search.SimpleCollector() {
                long n;

                @Override
                public void collect(int doc) {
                    n++;
                }

                @Override
                public org.apache.lucene.search.ScoreMode scoreMode() {
                    return org.apache.lucene.search.ScoreMode.COMPLETE_NO_SCORES;
                }
            };
        }

        @Override
        public Long reduce(java.util.Collection<org.apache.lucene.search.SimpleCollector> collectors) {
            return (long) collectors.size();
        }
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static double median(Step step) throws Exception {
        for (int i = 0; i < REPEAT / 2; i++) {
            step.run();
        }
        List<Long> t = new ArrayList<>();
        for (int i = 0; i < REPEAT; i++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            step.run();
            t.add(CPU.getCurrentThreadCpuTime() - t0);
        }
        List<Long> sorted = t.stream().sorted().toList();
        if (Boolean.getBoolean("breakdown.verbose")) {
            System.out.printf(Locale.ROOT, "  min %.1f median %.1f max %.1f ms%n", sorted.getFirst() / 1e6,
                    sorted.get(t.size() / 2) / 1e6, sorted.getLast() / 1e6);
        }
        return sorted.get(t.size() / 2) / 1e6;
    }
}
