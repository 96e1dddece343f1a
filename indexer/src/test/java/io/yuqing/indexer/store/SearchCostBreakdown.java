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
 * Where a search's time goes, part by part, on a built bench index (read-only): counting the matches alone, the facet
 * pass, the top-20 pass, and the whole store search (which adds loading the 20 stored documents and their snippets).
 * Medians over repeated runs of each query, after a warm-up.
 *
 * <p>Usage: {@code SearchCostBreakdown DIR query…} (blank query: write "").
 */
public final class SearchCostBreakdown {
    private SearchCostBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]).resolve("index");
        Map<String, String> facetFields = Map.of(SearchResults.ENTERPRISE, IndexFields.ENTERPRISE,
                SearchResults.CATEGORY, IndexFields.CATEGORY, SearchResults.LEVEL, IndexFields.LEVEL,
                SearchResults.SOURCE, IndexFields.SOURCE);
        try (Analyzer analyzer = IndexFields.analyzer();
             var dir = FSDirectory.open(index);
             DirectoryReader reader = DirectoryReader.open(dir);
             LuceneDocumentStore store = LuceneDocumentStore.open(index)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            System.out.printf(Locale.ROOT, "%d documents in %d segments; load %s%n", reader.numDocs(), reader.leaves().size(),
                    SearchBench.loadAverage());
            System.out.printf(Locale.ROOT, "%-24s %9s %8s %8s %8s %8s%n", "query", "hits", "count", "facets", "top20", "store");
            for (int i = 1; i < args.length; i++) {
                String text = args[i];
                Query parsed = ClassicQuerySyntax.parse(text, analyzer);
                Query q = parsed == null ? org.apache.lucene.search.MatchAllDocsQuery.INSTANCE : parsed;
                SearchQuery sq = SearchQuery.of(text);
                long hits = searcher.count(q);
                double count = median(() -> searcher.count(q));
                double facets = median(() -> searcher.search(q, new FacetCollectorManager(facetFields, parsed == null)));
                double top = median(() -> searcher.search(q, new TopFieldCollectorManager(
                        new org.apache.lucene.search.Sort(org.apache.lucene.document.LongField.newSortField(IndexFields.TIME, true,
                                org.apache.lucene.search.SortedNumericSelector.Type.MAX)), 20, null, 20)));
                double whole = median(() -> store.search(sq));
                System.out.printf(Locale.ROOT, "%-24s %9d %8.1f %8.1f %8.1f %8.1f%n", text.isEmpty() ? "(all)" : text, hits,
                        count, facets, top, whole);
            }
        }
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static double median(Step step) throws Exception {
        for (int i = 0; i < 3; i++) {
            step.run();
        }
        List<Long> t = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            long t0 = System.nanoTime();
            step.run();
            t.add(System.nanoTime() - t0);
        }
        return t.stream().sorted().toList().get(t.size() / 2) / 1e6;
    }
}
