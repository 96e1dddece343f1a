package io.yuqing.indexer.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit and lazy refresh keep the store's promises: durable and searchable when {@code index} returns. */
class LuceneDocumentStoreDurabilityTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private static ScoredDocument doc(int i) {
        return DocumentStoreContract.doc("https://news.example.cn/d/" + i, "qzdaily", "第" + i + "条新闻",
                "青州云帆科技有限公司员工反映公司拖欠工资，编号" + i + "。", T0.plusSeconds(i), List.of(), RiskAssessment.none());
    }

    /** Documents in the last commit on disk: what a process that crashed now would find on restart. */
    private static boolean committed(Path dir, String id) throws Exception {
        try (Directory d = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(d)) {
            return new IndexSearcher(reader).count(new TermQuery(new Term(IndexFields.ID, id))) == 1;
        }
    }

    @Test
    void everyDocumentIsCommittedAndSearchableWhenIndexReturnsUnderConcurrentWriters() throws Exception {
        int writers = 16;
        int perWriter = 8;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            store.bindMetrics(registry);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w * perWriter;
                results.add(pool.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = first; i < first + perWriter; i++) {
                        ScoredDocument d = doc(i);
                        store.index(d);
                        if (!committed(dir, d.document().id())) {
                            problems.add(i + " not in the last commit");
                        }
                        if (!store.get(d.document().id()).equals(java.util.Optional.of(d))) {
                            problems.add(i + " not readable");
                        }
                    }
                    return problems;
                }));
            }
            for (Future<List<String>> f : results) {
                assertEquals(List.of(), f.get());
            }
            int total = writers * perWriter;
            assertEquals(total, store.count());
            assertEquals(total, store.search(SearchQuery.of("拖欠工资")).total());
            double commits = registry.get("yuqing.index.commits").functionCounter().count();
            assertTrue(commits >= 1 && commits <= total, "commits " + commits);
        }
    }

    @Test
    void indexAllIsOneCommitAndVisibleToTheNextSearch() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
            store.bindMetrics(registry);
            List<ScoredDocument> docs = List.of(doc(1), doc(2), doc(3));
            store.indexAll(docs);
            assertEquals(1.0, registry.get("yuqing.index.commits").functionCounter().count());
            for (ScoredDocument d : docs) {
                assertTrue(committed(dir, d.document().id()));
            }
            assertEquals(3, store.search(SearchQuery.of("云帆")).total());
            store.index(doc(4));
            assertEquals(4, store.search(SearchQuery.of("云帆")).total(), "a write after a search is seen by the next one");
        }
    }

    @Test
    void aDocumentLuceneCannotTakeIsRefusedAloneAndTheStoreStaysWritable() throws Exception {
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
            store.index(doc(1));
            // A keyword longer than Lucene's 32,766-byte term limit: a problem of this document only.
            ScoredDocument immense = DocumentStoreContract.doc("https://news.example.cn/" + "x".repeat(40_000), "qzdaily",
                    "超长链接", "正文。", T0, List.of(), RiskAssessment.none());
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> store.index(immense));
            assertTrue(refused.getMessage().contains("immense term"), refused.getMessage());
            assertTrue(store.health() instanceof StoreHealth.Up, "the store is not blamed for one document");
            store.index(doc(2));
            assertEquals(2, store.count());
            assertTrue(committed(dir, doc(1).document().id()) && committed(dir, doc(2).document().id()));
        }
    }
}
