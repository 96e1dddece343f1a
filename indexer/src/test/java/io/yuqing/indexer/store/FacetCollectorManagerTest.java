package io.yuqing.indexer.store;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shortcuts of facet counting (arrays of ordinals, a match-all counted from the terms) give exactly the counts of
 * the plain count over doc values, on an index with several segments, multi- and single-valued fields, documents
 * without a value and deletions.
 */
class FacetCollectorManagerTest {
    private static final List<Map.Entry<String, String>> FIELDS = List.of(
            Map.entry("multi", "m"), Map.entry("single", "s"), Map.entry("sparse", "p"), Map.entry("wide", "w"));

    @Test
    void shortcutsCountExactlyWhatDocValuesCount() throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer()).setMaxBufferedDocs(300))) {
            for (int i = 0; i < 3000; i++) {
                Document d = new Document();
                d.add(new KeywordField("id", "d" + i, Field.Store.NO));
                for (int k = r.nextInt(4); k > 0; k--) {
                    d.add(new KeywordField("m", "v" + r.nextInt(50), Field.Store.NO)); // repeats within a document too
                }
                d.add(new KeywordField("s", "s" + r.nextInt(7), Field.Store.NO));
                if (r.nextInt(3) == 0) {
                    d.add(new KeywordField("p", "p" + r.nextInt(3), Field.Store.NO));
                }
                for (int k = r.nextInt(9); k > 0; k--) { // more values than FacetOrdinals keeps as columns
                    d.add(new KeywordField("w", "w" + r.nextInt(20), Field.Store.NO));
                }
                w.addDocument(d);
            }
            for (int i = 0; i < 3000; i += 7) {
                w.deleteDocuments(new Term("id", "d" + i));
            }
            w.commit();
            try (DirectoryReader reader = DirectoryReader.open(w)) {
                assertTrue(reader.leaves().size() > 3, "several segments");
                assertTrue(reader.hasDeletions());
                IndexSearcher searcher = new IndexSearcher(reader);
                FacetOrdinals ordinals = new FacetOrdinals(FIELDS.stream().map(Map.Entry::getValue).toList());
                List<Query> queries = List.of(MatchAllDocsQuery.INSTANCE, new TermQuery(new Term("s", "s3")),
                        new BooleanQuery.Builder().add(new TermQuery(new Term("m", "v1")), BooleanClause.Occur.SHOULD)
                                .add(new TermQuery(new Term("p", "p2")), BooleanClause.Occur.SHOULD).build());
                for (Query q : queries) {
                    FacetCollectorManager.Counts plain = searcher.search(q, new FacetCollectorManager(FIELDS, false, null));
                    FacetCollectorManager.Counts fast = searcher.search(q,
                            new FacetCollectorManager(FIELDS, q instanceof MatchAllDocsQuery, ordinals));
                    assertEquals(plain, fast, q.toString());
                    assertEquals(searcher.count(q), fast.total(), q.toString());
                }
                assertEquals(reader.leaves().size(), ordinals.size(), "one entry per segment");
                for (LeafReaderContext leaf : reader.leaves()) {
                    assertTrue(ordinals.of(leaf.reader()) == ordinals.of(leaf.reader()), "built once per segment");
                }
            }
            // After the deletions are merged away, a match-all is counted per segment, from its terms or its arrays' totals.
            w.forceMerge(1);
            try (DirectoryReader merged = DirectoryReader.open(w)) {
                IndexSearcher searcher = new IndexSearcher(merged);
                FacetCollectorManager.Counts plain = searcher.search(MatchAllDocsQuery.INSTANCE, new FacetCollectorManager(FIELDS, false, null));
                FacetCollectorManager.Counts fromTerms = searcher.search(MatchAllDocsQuery.INSTANCE, new FacetCollectorManager(FIELDS, true, null));
                FacetCollectorManager.Counts fromArrays = searcher.search(MatchAllDocsQuery.INSTANCE, new FacetCollectorManager(FIELDS, true,
                        new FacetOrdinals(FIELDS.stream().map(Map.Entry::getValue).toList())));
                assertEquals(plain, fromTerms);
                assertEquals(plain, fromArrays);
                assertEquals(3000 - 429, fromTerms.total());
            }
        }
    }
}
