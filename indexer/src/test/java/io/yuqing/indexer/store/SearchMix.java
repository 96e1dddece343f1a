package io.yuqing.indexer.store;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The query mix staff send from the console's search page, drawn deterministically from the corpus, timed one at a
 * time (single-threaded) through {@link DocumentStore#search}: every query asks for the first page (20 hits, newest
 * first as the page does unless said otherwise) with highlighted snippets and the four facets.
 */
final class SearchMix {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Words staff look for; each occurs in the corpus (the risk terms by construction, the others in FinNSP's text). */
    private static final String[] WORDS = {"欠薪", "诈骗", "逾期", "维权", "立案", "理财", "平台", "投诉", "退款", "暴雷",
            "爆炸", "污染", "仲裁", "罚款", "起诉", "失联", "集资", "贷款", "银行", "警方", "还款", "本金", "利息", "债务", "合同"};
    private static final String[] EXCLUDED = {"谣言", "网传", "不实信息", "合作"};
    /** Present in nearly every document (names end in 有限公司; 公司 is everywhere): the worst text query. */
    private static final String[] COMMON = {"公司", "有限公司"};

    /** One kind of query and how to draw one. */
    private record Kind(String name, int weight, java.util.function.Function<SplittableRandom, SearchQuery> draw) {
    }

    private SearchMix() {
    }

    static void run(DocumentStore store, SearchCorpus corpus, int docs, int queries) throws IOException, InvalidQueryException {
        List<Kind> kinds = kinds(corpus);
        int totalWeight = kinds.stream().mapToInt(Kind::weight).sum();
        SplittableRandom r = new SplittableRandom(SearchBench.SEED + 5);
        List<Kind> order = new ArrayList<>();
        List<SearchQuery> mix = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            int pick = r.nextInt(totalWeight);
            for (Kind k : kinds) {
                pick -= k.weight();
                if (pick < 0) {
                    order.add(k);
                    mix.add(k.draw().apply(r));
                    break;
                }
            }
        }
        // Warm-up on a different draw of the same kinds: JIT, the page cache of the index files, the searcher's caches.
        SplittableRandom warm = new SplittableRandom(SearchBench.SEED + 99);
        long warmStart = System.nanoTime();
        for (int w = 0; w < Math.max(400, queries / 3); w++) {
            store.search(kinds.get(w % kinds.size()).draw().apply(warm));
        }
        System.out.printf(Locale.ROOT, "warm-up %.1f s; measuring %d queries single-threaded, load %s, heap used %d MB%n",
                (System.nanoTime() - warmStart) / 1e9, queries, SearchBench.loadAverage(), SearchBench.usedHeapMb());

        Map<String, List<Long>> byKind = new LinkedHashMap<>();
        Map<String, List<Long>> cpuByKind = new LinkedHashMap<>();
        kinds.forEach(k -> {
            byKind.put(k.name(), new ArrayList<>());
            cpuByKind.put(k.name(), new ArrayList<>());
        });
        List<Long> allCpu = new ArrayList<>();
        Map<String, long[]> hitsByKind = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        long gcBefore = gcMillis();
        long processCpuBefore = processCpu();
        long start = System.nanoTime();
        for (int q = 0; q < mix.size(); q++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            SearchResults res = store.search(mix.get(q));
            long took = System.nanoTime() - t0;
            long cpu = CPU.getCurrentThreadCpuTime() - c0;
            all.add(took);
            allCpu.add(cpu);
            byKind.get(order.get(q).name()).add(took);
            cpuByKind.get(order.get(q).name()).add(cpu);
            long[] h = hitsByKind.computeIfAbsent(order.get(q).name(), k -> new long[2]);
            h[0] += res.total();
            h[1]++;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%d queries in %.1f s (%.0f/s), process CPU %.1f ms per query (all threads), GC %d ms, "
                + "load %s, heap used %d MB%n", queries, wall, queries / wall, (processCpu() - processCpuBefore) / 1e6 / queries,
                gcMillis() - gcBefore, SearchBench.loadAverage(), SearchBench.usedHeapMb());
        System.out.println("wall-clock milliseconds per search (what a user waits), and the calling thread's CPU time "
                + "(the same without waiting for a core on the shared machine; leaves out the work of the store's search threads)");
        System.out.printf(Locale.ROOT, "%-34s %6s %10s %8s %8s %8s %8s | %8s %8s %8s%n", "kind", "n", "mean hits", "p50", "p90",
                "p99", "max", "cpu p50", "cpu p90", "cpu p99");
        for (var e : byKind.entrySet()) {
            if (!e.getValue().isEmpty()) {
                long[] h = hitsByKind.get(e.getKey());
                print(e.getKey(), e.getValue(), cpuByKind.get(e.getKey()), h[0] / h[1]);
            }
        }
        print("ALL", all, allCpu, -1);

        consolePages(store, corpus, queries / 10);
    }

    /**
     * The console's search page asks for more than one search: the page itself and, for the day facet, one count per
     * day of the last week under the same filters (ConsolePages.dayCounts, through {@link DocumentStore#count}). Timed
     * as a whole per page.
     */
    private static void consolePages(DocumentStore store, SearchCorpus corpus, int pages) throws IOException, InvalidQueryException {
        List<Kind> kinds = kinds(corpus);
        SplittableRandom r = new SplittableRandom(SearchBench.SEED + 7);
        LocalDate today = SearchCorpus.END.atZone(CHINA).toLocalDate();
        List<Long> took = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (int p = 0; p < pages; p++) {
            SearchQuery q = kinds.get(r.nextInt(kinds.size())).draw().apply(r);
            SearchQuery base = q.between(null, null);
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            store.search(q);
            for (int d = 0; d < 7; d++) {
                LocalDate day = today.minusDays(d);
                store.count(base.between(day.atStartOfDay(CHINA).toInstant(), day.plusDays(1).atStartOfDay(CHINA).toInstant()));
            }
            took.add(System.nanoTime() - t0);
            cpu.add(CPU.getCurrentThreadCpuTime() - c0);
        }
        System.out.printf(Locale.ROOT, "console page = search + 7 day counts (%d pages), load %s%n", pages, SearchBench.loadAverage());
        print("page incl. day facet", took, cpu, -1);
    }

    private static List<Kind> kinds(SearchCorpus corpus) {
        List<SearchCorpus.Enterprise> ents = corpus.enterprises();
        List<String> sentences = corpus.sentences();
        Instant end = SearchCorpus.END;
        return List.of(
                new Kind("word", 14, r -> SearchQuery.of(word(r))),
                new Kind("enterprise name", 12, r -> SearchQuery.of(corpus.popularEnterprise(r).shortName())),
                new Kind("enterprise full name", 4, r -> SearchQuery.of(corpus.popularEnterprise(r).name())),
                new Kind("phrase", 8, r -> SearchQuery.of("\"" + phrase(sentences, r) + "\"")),
                new Kind("two words", 6, r -> SearchQuery.of(word(r) + " " + word(r))),
                new Kind("boolean with NOT", 6, r -> SearchQuery.of("(" + word(r) + " OR " + word(r) + ") NOT "
                        + EXCLUDED[r.nextInt(EXCLUDED.length)])),
                new Kind("word + enterprise", 6, r -> SearchQuery.of(word(r)).withEnterprise(corpus.popularEnterprise(r).id())),
                new Kind("word + category", 5, r -> SearchQuery.of(word(r)).withCategory(category(r))),
                new Kind("word + level", 4, r -> SearchQuery.of(word(r)).withLevel(level(r))),
                new Kind("word + source", 4, r -> SearchQuery.of(word(r)).withSource(SearchCorpus.sourceId(r.nextInt(SearchCorpus.SOURCES)))),
                new Kind("word + 7 days", 5, r -> SearchQuery.of(word(r)).between(end.minus(Duration.ofDays(7)), end)),
                new Kind("browse enterprise", 6, r -> SearchQuery.all().withEnterprise(corpus.popularEnterprise(r).id())),
                new Kind("browse category+level", 5, r -> SearchQuery.all().withCategory(category(r)).withLevel(level(r))),
                new Kind("browse source, 30 days", 4, r -> SearchQuery.all().withSource(SearchCorpus.sourceId(r.nextInt(20)))
                        .between(end.minus(Duration.ofDays(30)), end)),
                new Kind("browse all (inbox)", 3, r -> SearchQuery.all()),
                new Kind("worst: common word", 3, r -> SearchQuery.of(COMMON[r.nextInt(COMMON.length)])),
                new Kind("worst: 30 days by time", 3, r -> SearchQuery.of(r.nextBoolean() ? "" : word(r))
                        .between(end.minus(Duration.ofDays(30)), end).orderBy(SearchQuery.Order.NEWEST)),
                new Kind("word by relevance", 2, r -> SearchQuery.of(word(r)).orderBy(SearchQuery.Order.RELEVANCE)));
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String phrase(List<String> sentences, SplittableRandom r) {
        for (;;) {
            String s = sentences.get(r.nextInt(sentences.size())).replaceAll("[^\\p{IsHan}]", "");
            if (s.length() >= 8) {
                int len = 4 + r.nextInt(4);
                int at = r.nextInt(s.length() - len);
                return s.substring(at, at + len);
            }
        }
    }

    private static RiskCategory category(SplittableRandom r) {
        return RiskCategory.values()[r.nextInt(RiskCategory.values().length)];
    }

    private static RiskLevel level(SplittableRandom r) {
        return RiskLevel.values()[1 + r.nextInt(RiskLevel.values().length - 1)];
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static void print(String name, List<Long> nanos, List<Long> cpuNanos, long meanHits) {
        long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] c = cpuNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-34s %6d %10s %8.1f %8.1f %8.1f %8.1f | %8.1f %8.1f %8.1f%n", name, s.length,
                meanHits < 0 ? "" : String.format(Locale.ROOT, "%,d", meanHits),
                pct(s, 0.50), pct(s, 0.90), pct(s, 0.99), s[s.length - 1] / 1e6, pct(c, 0.50), pct(c, 0.90), pct(c, 0.99));
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
