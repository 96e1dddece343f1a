package io.yuqing.indexer.score;

import io.yuqing.core.model.RiskCategory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cue index answers exactly what searching each cue list in the span's own substring answered (the way cues were
 * checked before the index): every span of a text dense with cues, overlapping and nested ones included.
 */
class NegationCuesTest {
    private static final String TEXT = "公司并没有拖欠工资，此前曾因欠薪被投诉，据悉或将裁员；网传倒闭系谣言，已全部结清。"
            + "防范非法集资，去年过去曾经疑似跑路，不存在并不存在违约，保留追究的误解已解决|已妥善解决";

    @Test
    void indexAgreesWithSearchingEverySpan() {
        NegationCues.Index index = NegationCues.Index.of(TEXT);
        int checked = 0;
        int held = 0;
        for (int from = 0; from <= TEXT.length(); from++) {
            for (int to = from; to <= TEXT.length(); to++) {
                String span = TEXT.substring(from, to);
                boolean resolves = containsAny(span, NegationCues.RESOLUTIONS);
                assertEquals(resolves, NegationCues.resolves(index, from, to), "resolution in [" + from + "," + to + ")");
                NegationCues.Modality expected = containsAny(span, NegationCues.PAST) ? NegationCues.Modality.PAST
                        : containsAny(span, NegationCues.HEDGES) ? NegationCues.Modality.HEDGED
                        : NegationCues.Modality.ASSERTED;
                assertEquals(expected, NegationCues.modality(index, to, from, RiskCategory.WAGE_ARREARS), span);
                held += resolves ? 1 : 0;
                checked++;
            }
        }
        assertTrue(held > 100 && checked > 3000, "the text must hold cues for the check to mean anything: " + held + " of " + checked);
    }

    @Test
    void negationAgreesWithSearchingClauseAndSentenceAroundEveryTerm() {
        NegationCues.Index index = NegationCues.Index.of(TEXT);
        List<String> negation = new ArrayList<>(NegationCues.NEGATORS);
        negation.addAll(NegationCues.PREVENTION);
        for (int sentenceStart = 0; sentenceStart < TEXT.length(); sentenceStart += 3) {
            for (int start = sentenceStart; start < TEXT.length(); start += 2) {
                for (int end = start + 1; end <= Math.min(TEXT.length(), start + 4); end++) {
                    for (int sentenceEnd = end; sentenceEnd <= TEXT.length(); sentenceEnd += 5) {
                        int clauseStart = (sentenceStart + start) / 2;
                        String outside = TEXT.substring(sentenceStart, start) + "|" + TEXT.substring(end, sentenceEnd);
                        boolean expected = containsAny(TEXT.substring(clauseStart, start), negation)
                                || containsAny(outside, NegationCues.RESOLUTIONS)
                                || containsAny(outside, NegationCues.DENIALS);
                        assertEquals(expected, NegationCues.negates(index, start, end, clauseStart, sentenceStart,
                                sentenceEnd, RiskCategory.WAGE_ARREARS), outside);
                    }
                }
            }
        }
    }

    @Test
    void aTextWithoutCuesHoldsNone() {
        NegationCues.Index index = NegationCues.Index.of("企业拖欠工资");
        assertEquals(NegationCues.Modality.ASSERTED, NegationCues.modality(index, 6, 0, RiskCategory.WAGE_ARREARS));
        assertEquals(false, NegationCues.negates(index, 2, 6, 0, 0, 6, RiskCategory.WAGE_ARREARS));
    }

    @Test
    void rumourTermsAreNotHedged() {
        NegationCues.Index index = NegationCues.Index.of("网传该公司倒闭");
        assertEquals(NegationCues.Modality.ASSERTED, NegationCues.modality(index, 5, 0, RiskCategory.RUMOR));
        assertEquals(NegationCues.Modality.HEDGED, NegationCues.modality(index, 5, 0, RiskCategory.WAGE_ARREARS));
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
