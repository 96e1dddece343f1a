package io.yuqing.indexer.model;

import io.yuqing.indexer.score.RiskLexicon;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskedTextTest {
    private static final List<PairFeatures.Candidate> CANDIDATES = List.of(
            new PairFeatures.Candidate("a", List.of("小资钱包")),
            new PairFeatures.Candidate("b", List.of("小资")),
            new PairFeatures.Candidate("c", List.of("恒丰银行")));

    @Test
    void namesCollapseToOnePlaceholderAndTheLongestNameOwnsTheSpan() {
        MaskedText m = MaskedText.of("小资钱包涉嫌诈骗,恒丰银行托管,小资用户报案", CANDIDATES);
        assertEquals("①涉嫌诈骗,②托管,②用户报案", m.forCandidate(0));
        assertEquals("②涉嫌诈骗,②托管,①用户报案", m.forCandidate(1), "小资 inside 小资钱包 is 小资钱包's");
        assertEquals("②涉嫌诈骗,①托管,②用户报案", m.forCandidate(2));
        assertEquals(0, m.ownerAt(0));
        assertEquals(-1, m.ownerAt(1));
        assertEquals(2, m.ownerAt(6));
        assertEquals(-1, m.ownerAt(9));
        assertEquals(1, m.ownerAt(10));
    }

    @Test
    void contextFeaturesTellTheSubjectFromAPassingName() {
        MaskedText m = MaskedText.of("小资钱包涉嫌诈骗,恒丰银行托管", CANDIDATES);
        List<MentionContext.Term> terms = MentionContext.terms(RiskLexicon.loadDefault(), m.neutral(), java.util.Set.of("涉嫌诈骗"));
        assertTrue(terms.stream().anyMatch(t -> t.kept() && t.start() == 1), terms::toString);
        MentionContext.Summary accused = MentionContext.add(new PairFeatures.Features(), "B", m, 0, terms);
        MentionContext.Summary custodian = MentionContext.add(new PairFeatures.Features(), "B", m, 2, terms);
        assertEquals(1, accused.nearestTerm());
        assertTrue(accused.subjectOfTermClause());
        assertTrue(custodian.nearestTerm() > accused.nearestTerm());
        assertTrue(!custodian.subjectOfTermClause(), "its clause has no kept term");
        assertEquals(1, custodian.mentions());
        assertEquals("0-2", MentionContext.bucket(2));
        assertEquals("41+", MentionContext.bucket(41));
    }
}
