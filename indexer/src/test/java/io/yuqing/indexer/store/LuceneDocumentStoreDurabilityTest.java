package io.yuqing.indexer.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's promises: a document is durable and searchable when {@code index} returns. Durable is shown the hard
 * way: a separate JVM indexing from several threads is halted (no shutdown hooks, no close) while writes are in flight,
 * and every document it was told was stored is there when the index is opened again.
 */
class LuceneDocumentStoreDurabilityTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    static ScoredDocument doc(int i) {
        return DocumentStoreContract.doc("https://news.example.cn/d/" + i, "qzdaily", "第" + i + "条新闻",
                "青州云帆科技有限公司员工反映公司拖欠工资，编号" + i + "。", T0.plusSeconds(i), List.of(), RiskAssessment.none());
    }

    /** Run in a child JVM: indexes from 4 threads, says "stored N" after each index() returns, halts after ~{@code args[1]} ms. */
    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        long haltAfterMillis = Long.parseLong(args[1]);
        LuceneDocumentStore store = LuceneDocumentStore.open(index);
        System.out.println("open");
        System.out.flush();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread.ofPlatform().start(() -> {
                for (int i = thread; ; i += 4) {
                    try {
                        store.index(doc(i));
                    } catch (Exception e) {
                        System.out.println("failed " + i + " " + e);
                        return;
                    }
                    synchronized (System.out) {
                        System.out.println("stored " + i);
                        System.out.flush();
                    }
                }
            });
        }
        Thread.sleep(haltAfterMillis);
        Runtime.getRuntime().halt(9); // as kill -9: no close, no checkpoint, no shutdown hook
    }

    @Test
    void aProcessHaltedMidWriteLosesNoDocumentItWasToldWasStored() throws Exception {
        Path index = dir.resolve("index");
        Set<Integer> acknowledged = new TreeSet<>();
        for (int round = 0; round < 2; round++) {
            // Long enough for a checkpoint (commit + deleted log files) to happen in the second round.
            long haltAfter = round == 0 ? 1_500 : DurableIndexWriter.CHECKPOINT_EVERY.toMillis() + 2_000;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    LuceneDocumentStoreDurabilityTest.class.getName(), index.toString(), Long.toString(haltAfter))
                    .redirectErrorStream(true).start();
            List<String> other = new ArrayList<>();
            int storedThisRound = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("stored ")) {
                        acknowledged.add(Integer.parseInt(line.substring(7)));
                        storedThisRound++;
                    } else if (!line.equals("open") && other.size() < 20) {
                        other.add(line);
                    }
                }
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            assertEquals(9, child.exitValue(), "the child was halted: " + other);
            assertTrue(storedThisRound > 10, "the child stored documents before it was halted: " + storedThisRound + " " + other);
            assertTrue(other.stream().noneMatch(l -> l.startsWith("failed")), other.toString());
        }
        try (LuceneDocumentStore store = LuceneDocumentStore.open(index)) {
            List<Integer> missing = new ArrayList<>();
            for (int i : acknowledged) {
                if (!store.get(doc(i).document().id()).equals(Optional.of(doc(i)))) {
                    missing.add(i);
                }
            }
            assertEquals(List.of(), missing, "every acknowledged document is there after the crashes");
            assertTrue(store.count() >= acknowledged.size());
        }
        // Opening put the log back and committed it: the index proper is whole and clean, the log empty.
        try (Directory d = FSDirectory.open(index); CheckIndex check = new CheckIndex(d)) {
            assertTrue(check.checkIndex().clean, "CheckIndex finds the index clean after two crashes");
        }
        try (Directory d = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(d)) {
            assertTrue(reader.numDocs() >= acknowledged.size(), "committed: " + reader.numDocs() + " of " + acknowledged.size());
        }
        assertTrue(WriteAheadLog.files(index.resolve("wal")).stream().allMatch(f -> size(f) == 0),
                "the log holds nothing the index does not");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void everyDocumentIsSearchableWhenIndexReturnsUnderConcurrentWriters() throws Exception {
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
                        if (!store.get(d.document().id()).equals(Optional.of(d))) {
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
            double syncs = registry.get("yuqing.index.wal.syncs").functionCounter().count();
            assertTrue(syncs >= 1 && syncs <= total, "log syncs " + syncs);
        }
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
            assertEquals(writers * perWriter, store.count(), "all there after close and open");
        }
    }

    @Test
    void indexAllIsOneLogSyncAndVisibleToTheNextSearch() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
            store.bindMetrics(registry);
            List<ScoredDocument> docs = List.of(doc(1), doc(2), doc(3));
            store.indexAll(docs);
            assertEquals(1.0, registry.get("yuqing.index.wal.syncs").functionCounter().count());
            assertEquals(3, store.search(SearchQuery.of("云帆")).total());
            store.index(doc(4));
            assertEquals(4, store.search(SearchQuery.of("云帆")).total(), "a write after a search is seen by the next one");
            double commitsBefore = registry.get("yuqing.index.commits").functionCounter().count();
            store.checkpoint();
            assertEquals(commitsBefore + 1, registry.get("yuqing.index.commits").functionCounter().count(), "a checkpoint is one commit");
            try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
                assertEquals(4, reader.numDocs(), "the checkpoint committed every document");
            }
            assertTrue(WriteAheadLog.files(dir.resolve("wal")).isEmpty(), "and deleted the log files it covers");
        }
    }

    @Test
    void anInterruptedWriterNeitherFailsNorBreaksTheLogForOthers() throws Exception {
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
            // A crawl cycle cancelled at shutdown interrupts its threads mid-write; an NIO channel would close on it.
            Thread.currentThread().interrupt();
            try {
                store.index(doc(1));
            } finally {
                assertTrue(Thread.interrupted(), "the interrupt is left for the caller to see");
            }
            store.index(doc(2));
            assertTrue(store.health() instanceof StoreHealth.Up);
        }
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
            assertEquals(2, store.count());
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
        }
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
            assertEquals(2, store.count(), "both kept across close and open; the refused one is not in the log");
        }
    }
}
