package io.yuqing.indexer.store;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Ingest throughput on the same generated documents: raw smartcn-only Lucene indexing (the baseline), the
 * {@link LuceneDocumentStore} fed in batches, the full pipeline as the service runs it (each document matched against
 * the watchlist, scored by the lexicon and indexed by its own {@code index} call, from several crawler threads at
 * once), and, when a cluster address is given, the {@link ElasticsearchDocumentStore}; each also as a ratio to the
 * baseline, all from the same run (the machine may be loaded by other work, so only same-run ratios compare). Each
 * round also times match + score alone by thread CPU time against the baseline's indexing thread: the share of a
 * document's cost they add, readable even on a loaded machine; likewise the store and the batched pipeline.
 *
 * <p>Usage: {@code IngestBench [documents=3000] [elasticsearch-url|-] [pipeline-threads=8]}
 */
public final class IngestBench {
    private static final int BATCH = 500;
    private static final int ROUNDS = 3;
    private static final ScoringConfig.LevelThresholds LEVELS = new ScoringConfig.LevelThresholds(40, 55, 70, 85);
    private static final String[] PHRASES = {"青州云帆科技有限公司", "多名员工反映公司拖欠工资", "东城区今日停水通知同步发布",
            "华信食品一批产品抽检不合格", "市场监管部门已介入调查", "企业负责人表示将尽快妥善处理", "当地居民对此高度关注",
            "生产车间发生安全事故", "资金链紧张导致项目停工", "法院受理了相关诉讼", "网传消息不实，系谣言", "今天天气晴朗，市民出游"};

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        URI es = args.length > 1 && !args[1].equals("-") ? URI.create(args[1]) : null;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        List<ScoredDocument> docs = generate(n, new Random(7));
        long chars = docs.stream().mapToLong(d -> d.document().title().length() + d.document().text().length()).sum();
        System.out.printf(Locale.ROOT, "%d documents, %.1f MB of text (UTF-16 chars)%n", n, chars / 1e6);
        List<Enterprise> watchlist = watchlist(2000, new Random(11));
        WatchlistMatcher matcher = new WatchlistMatcher(watchlist);
        LexiconRiskScorer scorer = new LexiconRiskScorer(LEVELS, watchlist);

        // Warm-up: the first passes load smartcn's dictionaries and JIT-compile every path measured below.
        rawSmartcn(docs);
        luceneStore(docs);
        pipeline(docs.subList(0, Math.min(docs.size(), 1000)), matcher, scorer, threads);
        // Each round measures the baseline right before the variants, so a round's ratios share the machine's load
        // of the moment; the medians over the rounds are the figures to quote.
        String[] names = {"LuceneDocumentStore, indexAll x" + BATCH, "pipeline match+score+indexAll x" + BATCH,
                "pipeline match+score+index, " + threads + " threads"};
        List<List<Double>> ratios = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Double> cpuShares = new ArrayList<>();
        List<List<Double>> cpuRatios = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<ScoredDocument> scored = new ArrayList<>(docs.size());
        for (ScoredDocument sd : docs) {
            Document d = sd.document();
            List<Mention> mentions = matcher.match(d.title(), d.text());
            scored.add(new ScoredDocument(d, mentions, scorer.score(d.title(), d.text(), mentions)));
        }
        long evidence = scored.stream().mapToLong(sd -> sd.risk().evidence().size()).sum();
        System.out.printf(Locale.ROOT, "as scored: %.1f mentions and %.1f evidence entries per document "
                        + "(generated: 1 and %.1f)%n", scored.stream().mapToLong(sd -> sd.mentions().size()).sum()
                        / (double) docs.size(), evidence / (double) docs.size(),
                docs.stream().mapToLong(sd -> sd.risk().evidence().size()).sum() / (double) docs.size());
        double raw = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.println("round " + round);
            double[] rawRates = onThreadCpu(() -> rawSmartcn(docs), docs.size());
            raw = rawRates[0];
            print("raw smartcn Lucene (1 field)", raw, raw);
            double[] store = onThreadCpu(() -> luceneStore(docs), docs.size());
            double[] batched = onThreadCpu(() -> pipelineBatched(docs, matcher, scorer), docs.size());
            double[] rates = {store[0], batched[0], pipeline(docs, matcher, scorer, threads)};
            for (int v = 0; v < rates.length; v++) {
                print(names[v], rates[v], raw);
                ratios.get(v).add(rates[v] / raw);
            }
            // The same two single-threaded variants by CPU time of the thread that analyses and writes, which other
            // processes on the machine do not distort (segment commits on the store's checkpoint thread not counted).
            // indexAll again, of the documents as the pipeline scores them (their own mentions and every piece of
            // evidence, where the generated ones carry one): the store's share of the pipeline's extra cost.
            double[] storeScored = onThreadCpu(() -> luceneStore(scored), docs.size());
            System.out.printf(Locale.ROOT, "%-40s indexAll %.3f, indexAll of scored documents %.3f, "
                            + "pipeline match+score+indexAll %.3f%n", "by CPU time of the indexing thread",
                    store[1] / rawRates[1], storeScored[1] / rawRates[1], batched[1] / rawRates[1]);
            cpuRatios.get(2).add(storeScored[1] / rawRates[1]);
            cpuRatios.get(0).add(store[1] / rawRates[1]);
            cpuRatios.get(1).add(batched[1] / rawRates[1]);
            // Match and score alone, timed by this thread's CPU like the baseline's main thread, so the share of the
            // pipeline's cost they take can be read even when other processes load the machine.
            double[] matchScore = onThreadCpu(() -> matchAndScore(docs, matcher, scorer), docs.size());
            System.out.printf(Locale.ROOT, "%-40s %9.0f docs/s, %.0f per CPU second; raw smartcn %.0f per CPU second "
                    + "(its indexing thread)%n", "match+score alone", matchScore[0], matchScore[1], rawRates[1]);
            cpuShares.add(rawRates[1] / matchScore[1]);
        }
        System.out.println("median ratio over " + ROUNDS + " rounds");
        for (int v = 0; v < names.length; v++) {
            List<Double> sorted = ratios.get(v).stream().sorted().toList();
            System.out.printf(Locale.ROOT, "%-40s ratio %.3f%n", names[v], sorted.get(sorted.size() / 2));
        }
        String[] cpuNames = {names[0], names[1], "indexAll x" + BATCH + " of scored documents"};
        for (int v = 0; v < cpuRatios.size(); v++) {
            List<Double> sorted = cpuRatios.get(v).stream().sorted().toList();
            System.out.printf(Locale.ROOT, "%-40s ratio %.3f by CPU time of the indexing thread%n", cpuNames[v],
                    sorted.get(sorted.size() / 2));
        }
        List<Double> shares = cpuShares.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%-40s %.3f of raw smartcn's CPU per document (median)%n", "match+score alone",
                shares.get(shares.size() / 2));
        if (es != null) {
            double elastic = elasticsearchStore(docs, es);
            print("ElasticsearchDocumentStore", elastic, raw);
        } else {
            System.out.println("ElasticsearchDocumentStore: not measured (no cluster URL given)");
        }
    }

    /** Something timed, returning documents per wall-clock second. */
    private interface Timed {
        double run() throws IOException;
    }

    /** Documents per wall-clock second and per second of this thread's CPU time. */
    private static double[] onThreadCpu(Timed timed, int documents) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        double wall = timed.run();
        return new double[]{wall, documents / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9)};
    }

    private static double matchAndScore(List<ScoredDocument> docs, WatchlistMatcher matcher, LexiconRiskScorer scorer) {
        long start = System.nanoTime();
        long sink = 0;
        for (ScoredDocument sd : docs) {
            Document d = sd.document();
            List<Mention> mentions = matcher.match(d.title(), d.text());
            sink += mentions.size() + scorer.score(d.title(), d.text(), mentions).score();
        }
        if (sink < 0) {
            throw new IllegalStateException("unreachable: counts and scores are never negative");
        }
        return perSecond(docs.size(), start);
    }

    private static void print(String name, double docsPerSecond, double baseline) {
        System.out.printf(Locale.ROOT, "%-40s %9.0f docs/s  ratio %.3f%n", name, docsPerSecond, docsPerSecond / baseline);
    }

    private static double rawSmartcn(List<ScoredDocument> docs) throws IOException {
        long start = System.nanoTime();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(new SmartChineseAnalyzer()))) {
            for (ScoredDocument sd : docs) {
                org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
                d.add(new TextField("text", sd.document().title() + "\n" + sd.document().text(), Field.Store.NO));
                w.addDocument(d);
            }
            w.commit();
        }
        return perSecond(docs.size(), start);
    }

    private static double luceneStore(List<ScoredDocument> docs) throws IOException {
        Path dir = Files.createTempDirectory("ingest-bench");
        try {
            long start = System.nanoTime();
            try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
                for (List<ScoredDocument> batch : batches(docs)) {
                    store.indexAll(batch);
                }
            }
            return perSecond(docs.size(), start);
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The service's path: per document, match, score, then {@code index} (durable on return), from {@code threads}
     * virtual threads sharing one store as crawler workers do.
     */
    private static double pipeline(List<ScoredDocument> docs, WatchlistMatcher matcher, LexiconRiskScorer scorer,
                                   int threads) throws Exception {
        Path dir = Files.createTempDirectory("ingest-bench-pipeline");
        try {
            long start = System.nanoTime();
            try (LuceneDocumentStore store = LuceneDocumentStore.open(dir);
                 ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    running.add(workers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < docs.size(); i = next.getAndIncrement()) {
                            Document d = docs.get(i).document();
                            List<Mention> mentions = matcher.match(d.title(), d.text());
                            RiskAssessment risk = scorer.score(d.title(), d.text(), mentions);
                            store.index(new ScoredDocument(d, mentions, risk));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                if (store.count() != docs.size()) {
                    throw new IllegalStateException("pipeline indexed " + store.count() + " of " + docs.size());
                }
            }
            return perSecond(docs.size(), start);
        } finally {
            deleteTree(dir);
        }
    }

    /** Match and score each document, then index them in batches of {@value #BATCH} (one durable commit each). */
    private static double pipelineBatched(List<ScoredDocument> docs, WatchlistMatcher matcher, LexiconRiskScorer scorer)
            throws IOException {
        Path dir = Files.createTempDirectory("ingest-bench-batched");
        try {
            long start = System.nanoTime();
            try (LuceneDocumentStore store = LuceneDocumentStore.open(dir)) {
                for (List<ScoredDocument> batch : batches(docs)) {
                    List<ScoredDocument> scored = new ArrayList<>(batch.size());
                    for (ScoredDocument sd : batch) {
                        Document d = sd.document();
                        List<Mention> mentions = matcher.match(d.title(), d.text());
                        scored.add(new ScoredDocument(d, mentions, scorer.score(d.title(), d.text(), mentions)));
                    }
                    store.indexAll(scored);
                }
            }
            return perSecond(docs.size(), start);
        } finally {
            deleteTree(dir);
        }
    }

    private static List<Enterprise> watchlist(int size, Random random) {
        List<Enterprise> out = new ArrayList<>(size + 2);
        out.add(new Enterprise("yf", "青州云帆科技有限公司", List.of("云帆科技"), List.of(), "", "", ""));
        out.add(new Enterprise("hx", "青州华信食品有限公司", List.of("华信食品"), List.of(), "", "", ""));
        String han = "安宝北辰达东方丰广海恒宏华汇嘉金锦京凯联隆美明南鹏青荣瑞盛泰天通万伟祥新信兴旭阳怡永裕远跃正中众卓";
        for (int i = 0; i < size; i++) {
            StringBuilder core = new StringBuilder();
            for (int c = 0; c < 4; c++) {
                core.append(han.charAt(random.nextInt(han.length())));
            }
            out.add(new Enterprise("g" + i, "青州" + core + "实业有限公司", List.of(core + "实业"), List.of(), "", "", ""));
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double elasticsearchStore(List<ScoredDocument> docs, URI es) throws IOException {
        String prefix = "ingest-bench-" + System.currentTimeMillis();
        try (ElasticsearchDocumentStore store = ElasticsearchDocumentStore.connect(List.of(es), prefix, "service")) {
            store.indexAll(batches(docs).getFirst()); // warm-up: the first bulk request into a new index is slow
            long start = System.nanoTime();
            for (List<ScoredDocument> batch : batches(docs)) {
                store.indexAll(batch);
            }
            return perSecond(docs.size(), start);
        }
    }

    private static List<List<ScoredDocument>> batches(List<ScoredDocument> docs) {
        List<List<ScoredDocument>> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i += BATCH) {
            out.add(docs.subList(i, Math.min(docs.size(), i + BATCH)));
        }
        return out;
    }

    private static double perSecond(int n, long startNanos) {
        return n / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static List<ScoredDocument> generate(int n, Random random) {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        List<ScoredDocument> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            int sentences = 8 + random.nextInt(16);
            for (int s = 0; s < sentences; s++) {
                text.append(PHRASES[random.nextInt(PHRASES.length)]).append(s % 3 == 2 ? "。" : "，");
            }
            String title = PHRASES[random.nextInt(PHRASES.length)] + "（第" + i + "期）";
            Document d = new Document(null, "https://news.example.cn/bench/" + i, i % 2 == 0 ? "qzdaily" : "weibo", title,
                    text.toString(), "记者", "青州日报", t0.plusSeconds(60L * i), t0.plusSeconds(60L * i + 30));
            RiskAssessment risk = i % 3 == 0 ? RiskAssessment.none()
                    : new RiskAssessment(40 + i % 50, RiskLevel.YELLOW, List.of(RiskCategory.WAGE_ARREARS),
                    List.of(new Evidence("拖欠工资", RiskCategory.WAGE_ARREARS, "多名员工反映公司拖欠工资。", false)), List.of("yf"));
            out.add(new ScoredDocument(d, List.of(new Mention("yf", "青州云帆科技有限公司", 1, false)), risk));
        }
        return out;
    }
}
