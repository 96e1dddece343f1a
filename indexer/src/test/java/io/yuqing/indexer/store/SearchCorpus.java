package io.yuqing.indexer.store;

import io.yuqing.core.model.Document;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.indexer.model.LabelledItem;
import io.yuqing.indexer.model.LabelledItems;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic stream of news-like scored documents for the search bench: document {@code i} is always the same
 * (its own random generator is seeded from the corpus seed and {@code i}), so an index built once can be reused and
 * the queries drawn from the same corpus find what they should.
 *
 * <p>Realism where search cost depends on it: ~1 KB of Chinese text per document made of real sentences (read at run
 * time from FinNSP's train.json, never copied into the repository), enterprises mentioned with a Zipf-like
 * distribution (a few very often, most rarely), a third of the documents carrying one or two risk categories with a
 * level from the score, ~200 sources of Zipf-like size, publish and fetch times spread over 180 days.
 */
final class SearchCorpus {
    static final Instant END = Instant.parse("2026-11-25T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(180);
    static final int SOURCES = 200;

    private static final String[] INDUSTRIES = {"科技", "食品", "建设", "置业", "物流", "医药", "电子", "纺织", "化工", "机械",
            "能源", "商贸", "环保", "农业", "传媒", "餐饮", "材料", "汽车", "金融", "投资"};
    private static final String NAME_CHARS = "安宝北辰达东方丰广海恒宏华汇嘉金锦京凯联隆美明南鹏青荣瑞盛泰天通万伟祥新信兴旭阳怡永裕远跃正中众卓"
            + "博昌诚川德福富光浩和鸿佳建杰骏康蓝力龙鲁茂铭宁启庆润森顺腾同拓威鑫雅亿银英源泽志智洲";
    /** A few risk terms per category, as the lexicon would find them (what gives a document its category). */
    private static final String[][] RISK_TERMS = {
            {"拖欠工资", "讨薪", "欠薪"}, {"劳动仲裁", "劳资纠纷", "集体维权"}, {"安全事故", "爆炸", "坍塌"},
            {"产品召回", "质量问题", "抽检不合格"}, {"食品安全", "变质", "超标"}, {"环境污染", "偷排", "超标排放"},
            {"资金链断裂", "债务违约", "逾期"}, {"非法集资", "非法吸收公众存款", "庞氏骗局"}, {"诈骗", "造假", "虚假宣传"},
            {"立案调查", "行政处罚", "被起诉"}, {"高管被查", "实控人失联", "董事长被留置"}, {"消费投诉", "退款难", "霸王条款"},
            {"网传", "谣言", "不实信息"}, {"信披违规", "财务造假", "未及时披露"}};
    private static final String[] RISK_FRAMES = {"据报道，%s近日被曝%s，相关部门已介入。", "多名网友反映%s存在%s问题。",
            "%s因%s引发关注，公司尚未回应。", "记者获悉，%s涉及%s一事仍在调查中。"};
    private static final String[] MENTION_FRAMES = {"%s相关负责人表示，公司经营一切正常。", "%s今日发布公告。",
            "业内人士称，%s的业务近年来发展较快。", "%s与多家机构签署合作协议。"};

    record Enterprise(String id, String name, String shortName) {
    }

    private final long seed;
    private final List<String> sentences;
    private final List<Enterprise> enterprises;
    private final Zipf enterpriseRank;
    private final Zipf sourceRank = new Zipf(SOURCES, 0.9);
    private final Zipf categoryRank = new Zipf(RiskCategory.values().length, 0.8);

    SearchCorpus(long seed, List<String> sentences, int enterpriseCount) {
        this.seed = seed;
        this.sentences = List.copyOf(sentences);
        this.enterprises = enterprises(enterpriseCount, new SplittableRandom(seed * 31 + 1));
        this.enterpriseRank = new Zipf(enterpriseCount, 1.0);
    }

    /** Sentences of FinNSP's texts, cut at sentence ends, stripped of hashtags and mojibake, 8–90 characters. */
    static List<String> readSentences(Path finnspTrainJson) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (LabelledItem item : LabelledItems.read(finnspTrainJson).items()) {
            String text = item.text().replaceAll("#[^#]{0,40}#", "").replaceAll("[?？]{2,}", "")
                    .replaceAll("\\[[^\\]]{0,10}\\]", "").replaceAll("\\s+", "");
            for (String s : text.split("(?<=[。！？；!])")) {
                long han = s.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
                if (s.length() >= 8 && s.length() <= 90 && han * 10 >= s.length() * 6L) {
                    out.add(s);
                }
            }
        }
        if (out.size() < 1000) {
            throw new IOException("too few sentences in " + finnspTrainJson + ": " + out.size());
        }
        return List.copyOf(out);
    }

    List<Enterprise> enterprises() {
        return enterprises;
    }

    List<String> sentences() {
        return sentences;
    }

    /** An enterprise drawn as documents mention them: the rank-1 enterprise most often. */
    Enterprise popularEnterprise(SplittableRandom r) {
        return enterprises.get(enterpriseRank.sample(r));
    }

    static String sourceId(int rank) {
        return String.format(Locale.ROOT, "src-%03d", rank);
    }

    static String url(int i) {
        return "https://news.example.cn/bench/" + i;
    }

    ScoredDocument document(int i) {
        SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        String sourceId = sourceId(sourceRank.sample(r));
        Instant published = END.minusMillis((long) (r.nextDouble() * SPAN.toMillis()));
        Instant fetched = published.plusSeconds(60 + r.nextInt(6 * 3600));
        boolean knowsPublishTime = r.nextInt(10) != 0;

        int mentionCount = switch (r.nextInt(100) / 25) {
            case 0 -> 0;
            case 1, 2 -> 1;
            default -> r.nextInt(3) == 0 ? 3 : 2;
        };
        List<Enterprise> named = new ArrayList<>();
        for (int k = 0; k < mentionCount; k++) {
            Enterprise e = popularEnterprise(r);
            if (!named.contains(e)) {
                named.add(e);
            }
        }
        List<RiskCategory> categories = new ArrayList<>();
        if (r.nextInt(100) < 35) {
            int n = r.nextInt(4) == 0 ? 2 : 1;
            for (int k = 0; k < n; k++) {
                RiskCategory c = RiskCategory.values()[categoryRank.sample(r)];
                if (!categories.contains(c)) {
                    categories.add(c);
                }
            }
        }

        StringBuilder text = new StringBuilder(400);
        List<Evidence> evidence = new ArrayList<>();
        String subject = named.isEmpty() ? "该公司" : named.getFirst().name();
        for (RiskCategory c : categories) {
            String term = RISK_TERMS[c.ordinal()][r.nextInt(RISK_TERMS[c.ordinal()].length)];
            String sentence = String.format(Locale.ROOT, RISK_FRAMES[r.nextInt(RISK_FRAMES.length)], subject, term);
            text.append(sentence);
            evidence.add(new Evidence(term, c, sentence, false));
        }
        for (int k = categories.isEmpty() ? 0 : 1; k < named.size(); k++) {
            text.append(String.format(Locale.ROOT, MENTION_FRAMES[r.nextInt(MENTION_FRAMES.length)], named.get(k).name()));
        }
        int target = 300 + r.nextInt(120); // ≈ 1 KB of UTF-8 with the names and frames
        while (text.length() < target) {
            text.append(sentences.get(r.nextInt(sentences.size())));
            if (!named.isEmpty() && r.nextInt(5) == 0) {
                text.append(named.get(r.nextInt(named.size())).shortName()).append("方面暂未回应。");
            }
        }
        String title;
        if (!named.isEmpty() && !categories.isEmpty()) {
            title = named.getFirst().shortName() + "被曝" + evidence.getFirst().term();
        } else {
            String s = sentences.get(r.nextInt(sentences.size()));
            title = (named.isEmpty() ? "" : named.getFirst().shortName() + "：") + s.substring(0, Math.min(s.length(), 24));
        }

        Document d = new Document(null, url(i), sourceId, title, text.toString(), "记者" + r.nextInt(500),
                "媒体" + sourceId, knowsPublishTime ? published : null, fetched);
        List<Mention> mentions = named.stream().map(e -> new Mention(e.id(), e.name(), 1 + r.nextInt(3), false)).toList();
        RiskAssessment risk;
        if (categories.isEmpty()) {
            risk = new RiskAssessment(r.nextInt(25), RiskLevel.NONE, List.of(), List.of(), List.of());
        } else {
            int score = 40 + r.nextInt(61);
            RiskLevel level = score >= 85 ? RiskLevel.RED : score >= 70 ? RiskLevel.ORANGE : score >= 55 ? RiskLevel.YELLOW : RiskLevel.BLUE;
            risk = new RiskAssessment(score, level, categories, evidence,
                    named.isEmpty() ? List.of() : List.of(named.getFirst().id()));
        }
        return new ScoredDocument(d, mentions, risk);
    }

    private static List<Enterprise> enterprises(int n, SplittableRandom r) {
        Set<String> shortNames = new LinkedHashSet<>();
        while (shortNames.size() < n) {
            String core = "" + NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())) + NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length()));
            shortNames.add(core + INDUSTRIES[r.nextInt(INDUSTRIES.length)]);
        }
        List<Enterprise> out = new ArrayList<>(n);
        int i = 0;
        for (String s : shortNames) {
            out.add(new Enterprise(String.format(Locale.ROOT, "e%04d", i++), "青州" + s + "有限公司", s));
        }
        return List.copyOf(out);
    }

    /** Ranks 0..n-1 with P(rank k) ∝ 1/(k+1)^s, by inverting the cumulative distribution. */
    static final class Zipf {
        private final double[] cumulative;

        Zipf(int n, double s) {
            cumulative = new double[n];
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += 1 / Math.pow(k + 1, s);
                cumulative[k] = sum;
            }
            for (int k = 0; k < n; k++) {
                cumulative[k] /= sum;
            }
        }

        int sample(SplittableRandom r) {
            int at = java.util.Arrays.binarySearch(cumulative, r.nextDouble());
            return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
        }
    }
}
