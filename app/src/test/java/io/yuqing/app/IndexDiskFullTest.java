package io.yuqing.app;

import io.yuqing.app.cli.DemoCommand;
import io.yuqing.app.demo.DemoArticle;
import io.yuqing.app.demo.DemoSite;
import io.yuqing.app.service.YuqingService;
import io.yuqing.core.config.IndexConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.crawler.CycleReport;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Lucene index on a real, small filesystem (an 8 MB tmpfs mounted by the test; skipped where mounting is not
 * permitted) that fills up. While the disk is full the crawl pauses with a message saying so, /health/ready answers
 * 503 saying the index disk is full, no refused document is marked seen and the index keeps what it had; once space
 * returns the next cycle brings every article in, each risky one alerted once, and CheckIndex finds the index clean.
 */
class IndexDiskFullTest {
    @TempDir
    Path data;

    @Test
    void aFullIndexDiskPausesTheCrawlKeepsTheIndexIntactAndRecovers() throws Exception {
        Path indexDir = Files.createDirectories(data.resolve("small-disk"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", indexDir.toString()) == 0,
                "mounting a tmpfs is not permitted here");
        try {
            exercise(indexDir);
        } finally {
            assertEquals(0, run("umount", indexDir.toString()), "the test's tmpfs unmounts");
        }
    }

    private void exercise(Path indexDir) throws Exception {
        Clock clock = Clock.systemUTC();
        try (DemoSite site = DemoSite.start(clock)) {
            YuqingConfig config = DemoCommand.demoConfig(site.baseUrl(), data, 0, null)
                    .withIndex(new IndexConfig(indexDir.toString()));
            List<DemoArticle> articles = site.articles();
            List<DemoArticle> risky = articles.stream().filter(DemoArticle::expectRisky).toList();

            // Some articles are indexed while there is room: the first list page only.
            long before = ServiceFixture.crawlFirstListPageOnly(config, clock);
            assertTrue(before > 0 && before < articles.size(), "the first list page holds some of the articles: " + before);

            try (ServiceFixture app = ServiceFixture.on(config).clock(clock).console().start()) {
                YuqingService service = app.service();
                String base = app.base();
                assertEquals(before, ServiceCounts.seen(service), "seen and indexed agree before the disk fills");
                Path filler = fill(indexDir);
                long alertsBefore = ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts");

                List<CycleReport> full = service.crawlOnce();
                assertTrue(full.stream().allMatch(r -> r.newDocuments() == 0), "nothing stored on a full disk: " + full);
                assertTrue(full.stream().anyMatch(r -> String.join(" ", r.problems()).contains("the index disk is full")),
                        "the cycle says the index disk is full: " + full);
                assertEquals(before, ServiceCounts.seen(service), "no refused document is marked seen");
                assertEquals(before, service.store().count(), "the index keeps what it had, and nothing half-written");
                assertEquals(alertsBefore, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts"), "no alert for an unstored document");

                HttpResponse<String> ready = TestHttp.get(base + "/health/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("\"index\":\"down: 索引磁盘已满 the index disk is full"),
                        "readiness says the index disk is full: " + ready.body());
                assertTrue(ready.body().contains("\"database\":\"up\""), ready.body());
                String metrics = TestHttp.get(base + "/metrics").body();
                assertTrue(metrics.contains("yuqing_index_writable 0.0"), "the metric says the index refuses writes");
                assertTrue(metrics.matches("(?s).*yuqing_index_write_failures_total\\{reason=\"disk_full\"} [1-9].*"),
                        "disk-full refusals are counted");

                // Space returns: the next cycle recovers by itself.
                Files.delete(filler);
                List<CycleReport> after = service.crawlOnce();
                assertTrue(after.stream().allMatch(r -> r.failures() == 0), "the cycle after space returns is clean: " + after);
                assertEquals(articles.size(), ServiceCounts.seen(service), "every demo article seen");
                assertEquals(articles.size(), service.store().count(), "every demo article indexed once");
                assertEquals(200, TestHttp.get(base + "/health/ready").statusCode(), "ready again");
                assertTrue(TestHttp.get(base + "/metrics").body().contains("yuqing_index_writable 1.0"), "writable again");
                for (DemoArticle a : risky) {
                    assertEquals(1, ServiceCounts.count(service, "SELECT COUNT(*) FROM alerts WHERE url = ? AND enterprise_name = ?",
                            a.url(), a.expectEnterprise()), "alerted exactly once for " + a.expectEnterprise() + ": " + a.title());
                }
            }

            try (Directory dir = FSDirectory.open(indexDir); CheckIndex check = new CheckIndex(dir)) {
                CheckIndex.Status status = check.checkIndex();
                assertTrue(status.clean, "CheckIndex finds the index clean after the full disk");
            }
            try (Directory dir = FSDirectory.open(indexDir); DirectoryReader reader = DirectoryReader.open(dir)) {
                assertEquals(articles.size(), reader.numDocs(), "every article in the committed index");
            }
        }
    }

    /** Fills the filesystem until the operating system refuses another byte; returns the file to delete to free it. */
    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler.bin");
        byte[] big = new byte[64 * 1024];
        byte[] small = new byte[512];
        try (OutputStream out = Files.newOutputStream(filler)) {
            try {
                while (true) {
                    out.write(big);
                    out.flush();
                }
            } catch (IOException full) {
                // Now the last few blocks, so no document's segment fits.
            }
            try {
                while (true) {
                    out.write(small);
                    out.flush();
                }
            } catch (IOException full) {
                // full to the block
            }
        } catch (IOException closingOnAFullDisk) {
            // the buffered tail did not fit either: the disk is full, which is the point
        }
        assertTrue(Files.getFileStore(dir).getUsableSpace() < 64 * 1024, "the index disk is full");
        return filler;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        if (exit != 0) {
            System.out.println(String.join(" ", command) + " exited " + exit + ": " + output.strip());
        }
        return exit;
    }
}
