package io.yuqing.indexer.score;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.text.CharAutomaton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Words that take the risk out of a term near them. Scopes are kept simple and predictable:
 * <ul>
 *   <li>negators and prevention words count in the same clause before the term: 并未拖欠工资, 不存在欠薪,
 *       防范非法集资 (awareness campaigns are not incidents);</li>
 *   <li>denials count anywhere in the same sentence: 公司否认拖欠工资传闻, 对网传欠薪一事予以澄清;</li>
 *   <li>resolutions count anywhere in the same sentence: 拖欠的工资已全部结清.</li>
 * </ul>
 * A denial cancels rumour terms in its sentence too: a rumour already refuted (公司否认…传闻, 网传…系误解) is handled
 * news, not an early warning; a rumour reported without a refutation still counts.
 * Single characters such as 不 or 未 are deliberately absent: 未按时支付工资 reports arrears, it does not deny them.
 *
 * <p>Terms that are not denied may still not be asserted as present fact ({@link Modality}):
 * <ul>
 *   <li>hedged: a hedge earlier in the sentence (传闻, 据悉, 或将, 疑似…): 据悉该公司或将裁员 is a warning, a weaker one;
 *       rumour terms are not hedged by hedges (a rumour is what they report);</li>
 *   <li>past: a past-time marker earlier in the sentence (曾经, 此前, 去年…): a recalled event weighs less than a
 *       new one, and is no risk at all when the same or the next sentence says it was resolved
 *       (去年曾发生欠薪事件。目前已全部结清).</li>
 * </ul>
 */
final class NegationCues {
    static final List<String> NEGATORS = List.of(
            "没有", "并没有", "并未", "从未", "未曾", "不存在", "并不存在", "并非", "无任何", "没有任何", "不涉及",
            "未发生", "未出现", "不会出现", "不属于", "杜绝", "未接到", "没有接到", "未收到", "没有收到");
    static final List<String> PREVENTION = List.of(
            "防范", "预防", "谨防", "警惕", "提防", "远离", "识别", "严防", "防止", "打击");
    static final List<String> DENIALS = List.of(
            "否认", "辟谣", "澄清", "不属实", "纯属谣言", "系谣言", "是谣言", "子虚乌有", "谣传", "毫无根据", "纯属捏造",
            "并不属实", "与事实不符", "系误解", "的误解", "误读", "保留通过法律途径", "保留追究");
    static final List<String> RESOLUTIONS = List.of(
            "已妥善解决", "已全部结清", "已结清", "已足额发放", "已全额发放", "已全部发放", "已得到解决", "已解决",
            "已处理完毕", "已妥善处置", "已全部兑付", "已恢复正常");

    static final List<String> HEDGES = List.of(
            "传闻", "据传", "网传", "传言", "据悉", "或将", "或许", "也许", "可能", "疑似", "恐将", "是否", "有望",
            "如果", "一旦", "担心", "猜测");
    static final List<String> PAST = List.of(
            "曾经", "此前", "去年", "前年", "早前", "早年", "以前", "过去", "往年", "多年前", "曾因", "曾被",
            "曾发生", "曾出现", "曾遭", "曾陷");

    /** Whether a risk term that is not denied is asserted, hedged, or recalled from the past. */
    enum Modality {
        ASSERTED, HEDGED, PAST
    }

    /** The cue lists as they are asked about: negators and prevention words always together. */
    private enum Kind {
        NEGATION, DENIAL, RESOLUTION, HEDGE, PAST;

        final int bit = 1 << ordinal();
    }

    /** Every cue once, with the kinds it belongs to: one automaton pass finds all cues of a text. */
    private static final CharAutomaton CUES;
    private static final int[] KINDS_OF_CUE;

    static {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        Map<Kind, List<String>> lists = new EnumMap<>(Kind.class);
        lists.put(Kind.NEGATION, concat(NEGATORS, PREVENTION));
        lists.put(Kind.DENIAL, DENIALS);
        lists.put(Kind.RESOLUTION, RESOLUTIONS);
        lists.put(Kind.HEDGE, HEDGES);
        lists.put(Kind.PAST, PAST);
        lists.forEach((kind, cues) -> cues.forEach(cue -> kinds.merge(cue, kind.bit, (a, b) -> a | b)));
        CUES = CharAutomaton.of(List.copyOf(kinds.keySet()));
        KINDS_OF_CUE = CUES.keywords().stream().mapToInt(kinds::get).toArray();
    }

    /**
     * Where the cues of one normalised text are, so that "does this span hold a cue of this kind" is answered in
     * constant time for every hit instead of searching each cue list in a fresh substring per hit. For each kind and
     * position i, the smallest end of a cue of that kind starting at or after i: a span [from, to) holds one exactly
     * when that end is at most {@code to}.
     */
    static final class Index {
        private static final Index NONE = new Index(new int[Kind.values().length][]);
        /** Per kind, per position 0..length: smallest cue end at or after it; null for a kind the text lacks. */
        private final int[][] firstEndFrom;

        private Index(int[][] firstEndFrom) {
            this.firstEndFrom = firstEndFrom;
        }

        static Index of(String text) {
            List<CharAutomaton.Hit> hits = CUES.find(text);
            if (hits.isEmpty()) {
                return NONE;
            }
            int n = text.length();
            int[][] ends = new int[Kind.values().length][];
            for (CharAutomaton.Hit h : hits) {
                int kinds = KINDS_OF_CUE[h.keyword()];
                for (Kind k : Kind.values()) {
                    if ((kinds & k.bit) == 0) {
                        continue;
                    }
                    int[] e = ends[k.ordinal()];
                    if (e == null) {
                        e = ends[k.ordinal()] = new int[n + 1];
                        Arrays.fill(e, Integer.MAX_VALUE);
                    }
                    e[h.start()] = Math.min(e[h.start()], h.endInclusive() + 1);
                }
            }
            for (int[] e : ends) {
                for (int i = n - 1; e != null && i >= 0; i--) {
                    e[i] = Math.min(e[i], e[i + 1]);
                }
            }
            return new Index(ends);
        }

        /** Whether a cue of {@code kind} lies wholly inside [from, to). */
        boolean holds(Kind kind, int from, int to) {
            int[] e = firstEndFrom[kind.ordinal()];
            return e != null && from < to && e[from] <= to;
        }
    }

    private NegationCues() {
    }

    /**
     * The modality of the term starting at {@code start}: past when a past-time marker stands before it in its
     * sentence, hedged when a hedge does (past wins: a recalled event is not news, however it is phrased).
     */
    static Modality modality(Index cues, int start, int sentenceStart, RiskCategory category) {
        if (cues.holds(Kind.PAST, sentenceStart, start)) {
            return Modality.PAST;
        }
        if (category != RiskCategory.RUMOR && cues.holds(Kind.HEDGE, sentenceStart, start)) {
            return Modality.HEDGED;
        }
        return Modality.ASSERTED;
    }

    /** Whether the span [from, to) (a sentence) says something was resolved: for past events told in the sentence before. */
    static boolean resolves(Index cues, int from, int to) {
        return cues.holds(Kind.RESOLUTION, from, to);
    }

    /**
     * Whether the term at [start, end) of the indexed text is negated, given the bounds of its clause and sentence:
     * a negator or prevention word in the clause before it, a resolution or denial in the rest of its sentence (before
     * or after the term, never across it).
     */
    static boolean negates(Index cues, int start, int end, int clauseStart, int sentenceStart, int sentenceEnd,
                           RiskCategory category) {
        return cues.holds(Kind.NEGATION, clauseStart, start)
                || cues.holds(Kind.RESOLUTION, sentenceStart, start) || cues.holds(Kind.RESOLUTION, end, sentenceEnd)
                || cues.holds(Kind.DENIAL, sentenceStart, start) || cues.holds(Kind.DENIAL, end, sentenceEnd);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
