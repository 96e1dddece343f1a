package io.yuqing.indexer.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.store.LockObtainFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading an index read-only while a store (as in a running service) has it open for writing. */
class LuceneIndexSnapshotTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    static ScoredDocument doc(int i, String title) {
        return DocumentStoreContract.doc("https://news.example.cn/d/" + i, "qzdaily", title,
                "青州云帆科技有限公司员工反映公司拖欠工资，编号" + i + "。", T0.plusSeconds(i), List.of(), RiskAssessment.none());
    }

    static List<String> titles(LuceneIndexSnapshot.Page page) {
        return page.items().stream().map(d -> d.document().title()).toList();
    }

    @Test
    void theLastCommitAndTheDocumentsOnlyInTheWriteAheadLogAreReadWhileTheWriterHoldsTheLock() throws Exception {
        Path index = dir.resolve("index");
        try (LuceneDocumentStore store = LuceneDocumentStore.open(index)) {
            for (int i = 0; i < 3; i++) {
                store.index(doc(i, "第" + i + "条"));
            }
        } // committed on close
        try (LuceneDocumentStore running = LuceneDocumentStore.open(index)) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            running.bindMetrics(meters);
            double commitsBefore = meters.get("yuqing.index.commits").functionCounter().count();
            running.index(doc(3, "第3条"));
            running.index(doc(1, "第1条（更正）")); // a newer version of a committed document, only in the log
            // What `rules test` used to do: open a store of its own, which needs the write lock the running one holds.
            assertThrows(LockObtainFailedException.class, () -> LuceneDocumentStore.open(index));

            try (LuceneIndexSnapshot snapshot = LuceneIndexSnapshot.open(index)) {
                boolean checkpointed = meters.get("yuqing.index.commits").functionCounter().count() > commitsBefore;
                LuceneIndexSnapshot.Freshness f = snapshot.freshness();
                assertNotNull(f.committedAt());
                if (!checkpointed) { // the store commits every 10 s: almost always still ahead of us
                    assertEquals(3, f.committedDocuments(), f.toString());
                    assertEquals(2, f.loggedDocuments(), f.toString());
                }
                LuceneIndexSnapshot.Page all = snapshot.newest(T0, T0.plusSeconds(100), 10);
                assertEquals(List.of("第3条", "第2条", "第1条（更正）", "第0条"), titles(all), "newest first, the log's version wins");
                assertFalse(all.truncated());

                LuceneIndexSnapshot.Page two = snapshot.newest(T0, T0.plusSeconds(100), 2);
                assertEquals(List.of("第3条", "第2条"), titles(two));
                assertTrue(two.truncated());
                assertEquals(List.of("第2条", "第1条（更正）"), titles(snapshot.newest(T0.plusSeconds(1), T0.plusSeconds(3), 10)),
                        "the period is [from, to)");
            }
            // The reader wrote nothing: the running store goes on writing and committing.
            running.index(doc(4, "第4条"));
            assertEquals(5, running.count());
        }
        try (LuceneIndexSnapshot afterClose = LuceneIndexSnapshot.open(index)) {
            assertEquals(new LuceneIndexSnapshot.Freshness(afterClose.freshness().committedAt(), 5, 0), afterClose.freshness());
        }
    }

    @Test
    void documentsLeftInTheLogWithoutAnyCommitAreRead() throws Exception {
        // A store that never committed (its first checkpoint not yet due) leaves a write-ahead log and no commit.
        Path index = dir.resolve("index");
        try (LuceneDocumentStore store = LuceneDocumentStore.open(index)) {
            store.index(doc(7, "第7条"));
            Path walDir = index.resolve("wal");
            try (Stream<Path> files = Files.list(walDir)) {
                Path copy = dir.resolve("copy");
                Files.createDirectories(copy.resolve("wal"));
                for (Path f : files.toList()) {
                    Files.copy(f, copy.resolve("wal").resolve(f.getFileName()));
                }
                try (LuceneIndexSnapshot snapshot = LuceneIndexSnapshot.open(copy)) {
                    assertEquals(new LuceneIndexSnapshot.Freshness(null, 0, 1), snapshot.freshness());
                    assertEquals(List.of("第7条"), titles(snapshot.newest(T0, T0.plusSeconds(100), 10)));
                }
            }
        }
    }

    @Test
    void anAbsentIndexIsNoSuchFileAndADamagedOneAnIOException() throws Exception {
        assertThrows(NoSuchFileException.class, () -> LuceneIndexSnapshot.open(dir.resolve("nowhere")));
        Files.createDirectories(dir.resolve("empty"));
        assertThrows(NoSuchFileException.class, () -> LuceneIndexSnapshot.open(dir.resolve("empty")));

        Path index = dir.resolve("index");
        try (LuceneDocumentStore store = LuceneDocumentStore.open(index)) {
            store.index(doc(1, "第1条"));
        }
        try (Stream<Path> files = Files.list(index)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        IOException e = assertThrows(IOException.class, () -> LuceneIndexSnapshot.open(index));
        assertFalse(e instanceof NoSuchFileException, e.toString());
    }
}
