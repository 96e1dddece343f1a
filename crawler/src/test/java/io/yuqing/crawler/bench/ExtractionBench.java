package io.yuqing.crawler.bench;

import io.yuqing.crawler.extract.ArticleExtractor;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Extraction cost per page (issue 3) with a warm JVM: every page of a dataset's {@code html/} is extracted in
 * {@code warm-up} rounds first, then timed over {@code rounds} more; each page's cost is its median over the timed
 * rounds, and the figures are the median and p99 over pages of CPU time (the thread's own, which other processes on a
 * shared machine do not inflate) and of wall time. Arguments: DIR [rounds, default 5] [warm-up rounds, default 3].
 * Put another build's classes first on the class path to compare two versions of the extractor on the same pages.
 */
public final class ExtractionBench {
    private ExtractionBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ExtractionBench DIR [rounds] [warm-up rounds]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<byte[]> pages = load(dir.resolve("html"));
        ArticleExtractor extractor = new ArticleExtractor();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < warmUp; r++) {
            pages.forEach(p -> extractor.extract(p, "text/html", "http://example.com/page.html"));
        }
        double[][] cpu = new double[pages.size()][rounds];
        double[][] wall = new double[pages.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < pages.size(); i++) {
                long cpuStart = threads.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                extractor.extract(pages.get(i), "text/html", "http://example.com/page.html");
                wall[i][r] = (System.nanoTime() - wallStart) / 1e6;
                cpu[i][r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            }
        }
        double[] cpuPerPage = Arrays.stream(cpu).mapToDouble(ExtractionBench::median).sorted().toArray();
        double[] wallPerPage = Arrays.stream(wall).mapToDouble(ExtractionBench::median).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %d pages, %d warm-up + %d timed rounds%n", dir.getFileName(), pages.size(), warmUp, rounds);
        System.out.printf(Locale.ROOT, "  cpu  median %.1f ms  p99 %.1f ms  total %.0f ms per round%n",
                percentile(cpuPerPage, 0.5), percentile(cpuPerPage, 0.99), Arrays.stream(cpuPerPage).sum());
        System.out.printf(Locale.ROOT, "  wall median %.1f ms  p99 %.1f ms  (load average %.1f)%n",
                percentile(wallPerPage, 0.5), percentile(wallPerPage, 0.99),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static List<byte[]> load(Path html) throws IOException {
        List<byte[]> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(html)) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().endsWith(".gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                        pages.add(in.readAllBytes());
                    }
                } else {
                    pages.add(Files.readAllBytes(f));
                }
            }
        }
        return pages;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 0.5);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
