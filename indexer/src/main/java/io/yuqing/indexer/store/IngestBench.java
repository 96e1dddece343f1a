package io.yuqing.indexer.store;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Ingest throughput on the same generated documents: raw smartcn-only Lucene indexing (the baseline), the full
 * {@link LuceneDocumentStore}, and, when a cluster address is given, the {@link ElasticsearchDocumentStore}; each also
 * as a ratio to the baseline.
 *
 * <p>Usage: {@code IngestBench [documents=3000] [elasticsearch-url]}
 */
public final class IngestBench {
    private static final int BATCH = 500;
    private static final String[] PHRASES = {"青州云帆科技有限公司", "多名员工反映公司拖欠工资", "东城区今日停水通知同步发布",
            "华信食品一批产品抽检不合格", "市场监管部门已介入调查", "企业负责人表示将尽快妥善处理", "当地居民对此高度关注",
            "生产车间发生安全事故", "资金链紧张导致项目停工", "法院受理了相关诉讼", "网传消息不实，系谣言", "今天天气晴朗，市民出游"};

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        URI es = args.length > 1 ? URI.create(args[1]) : null;
        List<ScoredDocument> docs = generate(n, new Random(7));
        long chars = docs.stream().mapToLong(d -> d.document().title().length() + d.document().text().length()).sum();
        System.out.printf(Locale.ROOT, "%d documents, %.1f MB of text (UTF-16 chars)%n", n, chars / 1e6);

        rawSmartcn(docs); // warm-up: the first pass loads smartcn's dictionaries and JIT-compiles
        double raw = rawSmartcn(docs);
        print("raw smartcn Lucene (1 field)", raw, raw);
        double lucene = luceneStore(docs);
        print("LuceneDocumentStore", lucene, raw);
        if (es != null) {
            double elastic = elasticsearchStore(docs, es);
            print("ElasticsearchDocumentStore", elastic, raw);
        } else {
            System.out.println("ElasticsearchDocumentStore: not measured (no cluster URL given)");
        }
    }

    private static void print(String name, double docsPerSecond, double baseline) {
        System.out.printf(Locale.ROOT, "%-32s %9.0f docs/s  ratio %.3f%n", name, docsPerSecond, docsPerSecond / baseline);
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
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
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
