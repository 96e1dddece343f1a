package io.yuqing.indexer.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Lucene store on a real 8 MB tmpfs (mounted by the test; skipped where mounting is not permitted) that fills up:
 * every concurrent write is refused with a disk-full IOException — none acknowledged without being durable — the
 * store reports itself down saying so, keeps what it had, takes writes again once space returns, and CheckIndex finds
 * the index clean.
 */
class LuceneDocumentStoreDiskFullTest {
    @TempDir
    Path tmp;

    private static ScoredDocument doc(int i) {
        return DocumentStoreContract.doc("https://news.example.cn/full/" + i, "qzdaily", "第" + i + "条新闻",
                "青州云帆科技有限公司员工反映公司拖欠工资，编号" + i + "。" + "本地新闻正文。".repeat(50), Instant.EPOCH.plusSeconds(i),
                List.of(), RiskAssessment.none());
    }

    @Test
    void aFullDiskRefusesEveryWriteWholeAndTheStoreRecovers() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir.toString()) == 0, "mounting a tmpfs is not permitted here");
        try {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            int expected;
            try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
                store.bindMetrics(meters);
                store.indexAll(List.of(doc(0), doc(1)));
                assertInstanceOf(StoreHealth.Up.class, store.health());
                Path filler = fill(dir);

                List<Integer> acknowledged = new ArrayList<>();
                List<String> refusals = new ArrayList<>();
                try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
                    List<Future<?>> running = new ArrayList<>();
                    for (int i = 2; i < 10; i++) {
                        int n = i;
                        running.add(writers.submit(() -> {
                            store.index(doc(n));
                            synchronized (acknowledged) {
                                acknowledged.add(n);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : running) {
                        try {
                            f.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            refusals.add(e.getCause().getMessage());
                        }
                    }
                }
                // A write-ahead log record that still fits in the last page of its file is durable and acknowledged;
                // the rest are refused. Either way the index holds exactly what was acknowledged.
                assertTrue(acknowledged.size() < 8, "a full disk refuses writes: " + acknowledged);
                assertTrue(refusals.stream().anyMatch(m -> m.contains("the index disk is full")), refusals.toString());
                StoreHealth health = store.health();
                assertTrue(health instanceof StoreHealth.Down down && down.diskFull() && down.reason().contains("索引磁盘已满"), health.toString());
                assertEquals(0.0, meters.get("yuqing.index.writable").gauge().value());
                assertTrue(meters.get("yuqing.index.write.failures").tag("reason", "disk_full").counter().count() >= 1);
                // Nothing refused shows; an acknowledged record is in the log, and searches show it again once a
                // writer can reopen (opening one needs a little space).
                assertTrue(store.count() <= 2 + acknowledged.size(), "nothing half-written or refused shows");
                assertTrue(store.count() >= 2, "the index keeps what it had");

                Files.delete(filler);
                store.indexAll(List.of(doc(2), doc(3)));
                java.util.Set<Integer> stored = new java.util.TreeSet<>(List.of(0, 1, 2, 3));
                stored.addAll(acknowledged);
                expected = stored.size();
                assertEquals(expected, store.count(), "every acknowledged document, none refused");
                for (int n : stored) {
                    assertTrue(store.get(doc(n).document().id()).isPresent(), "acknowledged " + n + " is there");
                }
                assertInstanceOf(StoreHealth.Up.class, store.health());
                assertEquals(1.0, meters.get("yuqing.index.writable").gauge().value());
            }
            try (Directory d = FSDirectory.open(dir); CheckIndex check = new CheckIndex(d)) {
                assertTrue(check.checkIndex().clean, "CheckIndex finds the index clean");
            }
            try (LuceneDocumentStore reopened = LuceneDocumentStore.open(dir)) {
                assertEquals(expected, reopened.count(), "exactly the acknowledged documents survive a restart");
            }
        } finally {
            assertEquals(0, run("umount", dir.toString()));
        }
    }

    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler.bin");
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (byte[] chunk : List.of(new byte[64 * 1024], new byte[512])) {
                try {
                    while (true) {
                        out.write(chunk);
                        out.flush();
                    }
                } catch (IOException full) {
                    // next, smaller chunks
                }
            }
        } catch (IOException closingOnAFullDisk) {
            // the disk is full: the point
        }
        if (Files.getFileStore(dir).getUsableSpace() >= 64 * 1024) {
            fail("the disk did not fill");
        }
        return filler;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
