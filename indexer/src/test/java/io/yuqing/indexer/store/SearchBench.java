package io.yuqing.indexer.store;

import io.yuqing.core.model.ScoredDocument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue #4's search goal (p99 ≤ 50 ms on 1 M documents), measured through {@link LuceneDocumentStore#search} as the
 * console calls it.
 *
 * <p>{@code build} fills {@code DIR/index} with {@code DOCS} documents of {@link SearchCorpus} through the store's
 * batched {@code indexAll}, once: a finished build leaves {@code DIR/complete-DOCS} and is reused; an interrupted one
 * resumes (ids are the URLs, so a document written twice is replaced, never doubled). {@code run} sends the query mix
 * of {@link SearchMix} and prints p50/p90/p99/max per kind and overall with the machine's load average.
 *
 * <p>Usage: {@code SearchBench build|run|all [dir=/tmp/yuqing-1m] [docs=1000000] [queries=2400] [shared=/work/shared]}
 * (see scripts/search-bench.sh; heap -Xmx1g).
 */
public final class SearchBench {
    static final long SEED = 20261126L;
    static final int ENTERPRISES = 2500;
    private static final int BATCH = 1000;
    private static final int WRITERS = 2;

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "all";
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/yuqing-1m");
        int docs = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 2400;
        Path shared = Path.of(args.length > 4 ? args[4] : System.getProperty("yuqing.shared", "/work/shared"));
        Path finnsp = shared.resolve("data/risk/finnsp/train.json");
        if (!Files.isRegularFile(finnsp)) {
            System.out.println("shared data absent (" + finnsp + "): nothing to measure");
            return;
        }
        SearchCorpus corpus = new SearchCorpus(SEED, SearchCorpus.readSentences(finnsp), ENTERPRISES);
        System.out.printf(Locale.ROOT, "corpus: %d sentences, %d enterprises, %d sources; load average %s%n",
                corpus.sentences().size(), corpus.enterprises().size(), SearchCorpus.SOURCES, loadAverage());
        if (mode.equals("build") || mode.equals("all")) {
            build(corpus, dir, docs);
        }
        if (mode.equals("run") || mode.equals("all")) {
            long opening = System.nanoTime();
            try (LuceneDocumentStore store = LuceneDocumentStore.open(dir.resolve("index"))) {
                // Opening includes building the facet arrays of every segment (FacetOrdinals).
                System.out.printf(Locale.ROOT, "store opened in %.1f s, heap used %d MB, load %s%n",
                        (System.nanoTime() - opening) / 1e9, usedHeapMb(), loadAverage());
                if (store.count() != docs) {
                    throw new IllegalStateException("the index at " + dir + " holds " + store.count() + " documents, not " + docs
                            + ": build it first");
                }
                SearchMix.run(store, corpus, docs, queries);
            }
        }
    }

    static void build(SearchCorpus corpus, Path dir, int docs) throws Exception {
        Path done = dir.resolve("complete-" + docs);
        if (Files.exists(done)) {
            System.out.println("index already built: " + Files.readString(done, StandardCharsets.UTF_8).strip());
            return;
        }
        Files.createDirectories(dir);
        try (LuceneDocumentStore store = LuceneDocumentStore.open(dir.resolve("index"))) {
            long present = store.count();
            // Two writers take batches in turn, so at most WRITERS batches past the committed prefix can be missing.
            int firstBatch = (int) Math.max(0, present / BATCH - WRITERS);
            AtomicInteger nextBatch = new AtomicInteger(firstBatch);
            AtomicLong written = new AtomicLong((long) firstBatch * BATCH);
            int batches = (docs + BATCH - 1) / BATCH;
            long start = System.nanoTime();
            System.out.printf(Locale.ROOT, "building %d documents into %s (%d present; starting at batch %d)%n",
                    docs, dir, present, firstBatch);
            try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    running.add(writers.submit(() -> {
                        for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                            List<ScoredDocument> batch = new ArrayList<>(BATCH);
                            for (int i = b * BATCH; i < Math.min(docs, (b + 1) * BATCH); i++) {
                                batch.add(corpus.document(i));
                            }
                            store.indexAll(batch);
                            long n = written.addAndGet(batch.size());
                            if (n % 20_000 < BATCH) {
                                double s = (System.nanoTime() - start) / 1e9;
                                System.out.printf(Locale.ROOT, "%,d written, %.0f s, %.0f docs/s, heap %d MB, load %s%n", n, s,
                                        (n - (long) firstBatch * BATCH) / s, usedHeapMb(), loadAverage());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
            long count = store.count();
            if (count != docs) {
                throw new IllegalStateException("built " + count + " documents, expected " + docs);
            }
            String summary = String.format(Locale.ROOT, "%d documents built in %.0f s (this run), index %d MB, load %s",
                    count, (System.nanoTime() - start) / 1e9, sizeMb(dir.resolve("index")), loadAverage());
            Files.writeString(done, summary + "\n", StandardCharsets.UTF_8);
            System.out.println(summary);
        }
    }

    static long usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    static long sizeMb(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum() >> 20;
        }
    }

    /** The 1, 5 and 15 minute load averages, as the figures must be read against them (2 shared cores). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
