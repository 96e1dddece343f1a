package io.yuqing.indexer.score;

import io.yuqing.core.model.RiskCategory;

import java.util.List;

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

    private NegationCues() {
    }

    /**
     * The modality of the term starting at {@code start}: past when a past-time marker stands before it in its
     * sentence, hedged when a hedge does (past wins: a recalled event is not news, however it is phrased).
     */
    static Modality modality(String text, int start, int sentenceStart, RiskCategory category) {
        String before = text.substring(sentenceStart, start);
        if (containsAny(before, PAST)) {
            return Modality.PAST;
        }
        if (category != RiskCategory.RUMOR && containsAny(before, HEDGES)) {
            return Modality.HEDGED;
        }
        return Modality.ASSERTED;
    }

    /** Whether a span (a sentence) says something was resolved: for past events told in the sentence before. */
    static boolean resolves(String span) {
        return containsAny(span, RESOLUTIONS);
    }

    /**
     * Whether the term at [start, end) of {@code text} is negated, given the bounds of its clause and sentence.
     */
    static boolean negates(String text, int start, int end, int clauseStart, int sentenceStart, int sentenceEnd,
                           RiskCategory category) {
        String clauseBefore = text.substring(clauseStart, start);
        if (containsAny(clauseBefore, NEGATORS) || containsAny(clauseBefore, PREVENTION)) {
            return true;
        }
        String sentenceOutsideTerm = text.substring(sentenceStart, start) + "|" + text.substring(end, sentenceEnd);
        if (containsAny(sentenceOutsideTerm, RESOLUTIONS)) {
            return true;
        }
        return containsAny(sentenceOutsideTerm, DENIALS);
    }

    private static boolean containsAny(String s, List<String> cues) {
        for (String cue : cues) {
            if (s.contains(cue)) {
                return true;
            }
        }
        return false;
    }
}
