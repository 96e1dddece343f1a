package io.yuqing.indexer.score;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.indexer.match.WatchlistMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexiconRiskScorerTest {
    private static final ScoringConfig.LevelThresholds LEVELS = new ScoringConfig.LevelThresholds(40, 55, 70, 85);
    private static final Enterprise YUNFAN = new Enterprise("yf", "青州云帆科技有限公司", List.of("云帆科技"), List.of(), "", "", "");
    private static final Enterprise HUAXIN = new Enterprise("hx", "青州华信食品有限公司", List.of("华信食品"), List.of(), "", "", "");
    private static final List<Enterprise> WATCHLIST = List.of(YUNFAN, HUAXIN);

    private final WatchlistMatcher matcher = new WatchlistMatcher(WATCHLIST);
    private final LexiconRiskScorer scorer = new LexiconRiskScorer(LEVELS, WATCHLIST);

    private RiskAssessment score(String title, String text) {
        return scorer.score(title, text, matcher.match(title, text));
    }

    @ParameterizedTest
    @CsvSource({
            "云帆科技多名员工讨薪，称公司拖欠工资三个月。, wage-arrears",
            "云帆科技员工集体罢工。, labor-dispute",
            "云帆科技厂区昨夜发生爆炸，造成两人死亡。, safety-accident",
            "云帆科技的产品抽检不合格，已启动召回。, product-quality",
            "多名学生在华信食品用餐后食物中毒。, food-safety",
            "云帆科技被曝夜间偷排废水。, environmental",
            "云帆科技资金链断裂，供应商上门讨债。, financial-distress",
            "云帆科技涉嫌非法吸收公众存款。, illegal-fundraising",
            "云帆科技被指财务造假。, fraud",
            "云帆科技被列为失信被执行人。, litigation-penalty",
            "云帆科技董事长被留置。, executive-misconduct",
            "消费者集体投诉云帆科技，要求维权。, consumer-complaint",
            "网上流传云帆科技老板被抓的谣言，造谣者已被处理。, rumor",
            "云帆科技因信息披露违规被通报。, disclosure-violation",
    })
    void eachCategoryTriggers(String text, String code) {
        RiskAssessment r = score("", text);
        assertTrue(r.categories().contains(RiskCategory.fromCode(code)), () -> code + " not in " + r.categories());
    }

    @Test
    void lexiconCoversEveryCategory() {
        assertEquals(EnumSet.allOf(RiskCategory.class), RiskLexicon.loadDefault().categories());
    }

    @Test
    void denialIsNotEvidence() {
        RiskAssessment r = score("", "云帆科技否认拖欠工资传闻。");
        assertFalse(r.categories().contains(RiskCategory.WAGE_ARREARS), r::toString);
        assertEquals(RiskLevel.NONE, r.level());
        assertTrue(r.riskEntities().isEmpty());
    }

    @Test
    void negatorsDenialsAndResolutionsSuppressWageArrears() {
        for (String text : List.of(
                "云帆科技否认欠薪。",
                "云帆科技发布辟谣声明，网传欠薪一事与事实不符。",
                "经核查，云帆科技并未拖欠工资。",
                "云帆科技不存在欠薪问题。",
                "云帆科技拖欠的工资已全部结清。",
                "云帆科技开展防范非法集资宣传。")) {
            RiskAssessment r = score("", text);
            assertEquals(RiskLevel.NONE, r.level(), () -> text + " → " + r);
        }
    }

    @Test
    void singleCharacterNegationDoesNotHideArrears() {
        RiskAssessment r = score("", "云帆科技未按时发放工资，员工讨薪。");
        assertTrue(r.categories().contains(RiskCategory.WAGE_ARREARS));
    }

    @Test
    void aRefutedRumourAndANoComplaintsStatementAreNotRisk() {
        RiskAssessment refuted = score("云帆科技否认拖欠员工工资传闻",
                "云帆科技发布声明予以否认，称不存在拖欠情况。\n网传截图系离职员工对年终奖发放时间的误解。\n人社局表示未接到过云帆科技员工的欠薪举报。");
        assertTrue(refuted.riskEntities().isEmpty(), "refuted: " + refuted);
        RiskAssessment reported = score("网传云帆科技拖欠员工工资", "有员工在网上发帖称云帆科技拖欠工资三个月。");
        assertEquals(List.of("yf"), reported.riskEntities(), "an unrefuted report still counts");
    }

    @Test
    void hedgedReportsStillWarnButWeighLess() {
        RiskAssessment asserted = score("", "云帆科技被投诉。");
        for (String text : List.of("据悉，云帆科技或将被投诉。", "云帆科技可能被投诉。", "云帆科技疑似被投诉。")) {
            RiskAssessment hedged = score("", text);
            assertEquals(asserted.score() * LexiconRiskScorer.HEDGED_PERCENT / 100, hedged.score(), () -> text + " → " + hedged);
            assertEquals(List.of(RiskCategory.CONSUMER_COMPLAINT), hedged.categories(), text);
            assertFalse(hedged.evidence().isEmpty(), "the hedged term is still shown as evidence: " + text);
        }
        // A hedge after the term does not reach back: the report stands as made.
        assertEquals(asserted.score(), score("", "云帆科技被投诉，后续或将整改。").score());
    }

    @Test
    void hedgesDoNotWeakenRumourTerms() {
        // A rumour is what a rumour term reports: 据悉 before 传闻 does not make it less of one.
        RiskAssessment plain = score("", "网上有关于云帆科技的传闻。");
        RiskAssessment hedged = score("", "据悉，网上有关于云帆科技的传闻。");
        assertEquals(List.of(RiskCategory.RUMOR), hedged.categories(), hedged::toString);
        assertEquals(plain.score(), hedged.score());
    }

    @Test
    void pastEventsWeighLessAndVanishWhenResolved() {
        RiskAssessment now = score("", "云帆科技拖欠工资。");
        RiskAssessment recalled = score("", "去年云帆科技曾拖欠工资。");
        assertEquals(now.score() * LexiconRiskScorer.PAST_PERCENT / 100, recalled.score(), recalled::toString);
        for (String text : List.of(
                "此前云帆科技曾拖欠工资。目前已全部结清。",
                "去年云帆科技发生欠薪事件。该问题已妥善解决。",
                "云帆科技曾经拖欠工资，已解决。")) {
            RiskAssessment r = score("", text);
            assertEquals(RiskLevel.NONE, r.level(), () -> text + " → " + r);
            assertTrue(r.evidence().isEmpty(), () -> text + " → " + r);
        }
        // A resolution two sentences later is about something else; a present event next to a past one is news.
        RiskAssessment later = score("", "去年云帆科技曾拖欠工资。今年订单增长。另一笔货款已结清。");
        assertEquals(recalled.score(), later.score(), later::toString);
        RiskAssessment again = score("", "去年云帆科技曾拖欠工资。已解决。本月云帆科技再次拖欠工资。");
        assertEquals(now.score(), again.score(), again::toString);
    }

    @Test
    void wordsThatOnlyLookLikeCuesDoNotChangeTheWeight() {
        RiskAssessment now = score("", "云帆科技拖欠工资。");
        assertEquals(now.score(), score("", "今年前三季度，云帆科技拖欠工资。").score());
        assertEquals(now.score(), score("", "若干员工反映云帆科技拖欠工资。").score());
    }

    @Test
    void anEnterpriseMentionedOnlyInPassingIsNotBlamed() {
        // A road accident report that names a company's plant only as a landmark, in a sentence without evidence.
        RiskAssessment r = score("高新大道早高峰两车追尾 一人受轻伤",
                "今天早上高新大道发生一起两车追尾事故，轿车驾驶员受伤送医。\n交警提醒途经华信食品厂区路段的市民注意保持车距。");
        assertTrue(r.score() > 0, "the accident itself is evidence");
        assertTrue(r.riskEntities().isEmpty(), "but not about 华信食品: " + r.riskEntities());
    }

    @Test
    void riskEntitiesPickTheEnterpriseTheEvidenceIsAbout() {
        String text = "华信食品今年营收增长。另据报道，云帆科技因拖欠工资被员工讨薪。";
        RiskAssessment r = score("", text);
        assertEquals(List.of("yf"), r.riskEntities());
        assertEquals(2, matcher.match("", text).size());
    }

    @Test
    void titleEvidenceMarksTitleEnterprisesAndWeighsMore() {
        RiskAssessment inTitle = score("云帆科技拖欠工资", "华信食品与云帆科技签约。");
        RiskAssessment inBody = score("", "云帆科技拖欠工资。华信食品与云帆科技签约。");
        assertEquals(List.of("yf"), inTitle.riskEntities());
        assertTrue(inTitle.score() > inBody.score(), inTitle.score() + " vs " + inBody.score());
        Evidence e = inTitle.evidence().get(0);
        assertEquals(new Evidence("拖欠工资", RiskCategory.WAGE_ARREARS, "云帆科技拖欠工资", true), e);
    }

    @Test
    void containedNameGivesWayToTheLongerOne() {
        List<Enterprise> wl = List.of(new Enterprise("zc", "众车", List.of(), List.of(), "", "", ""),
                new Enterprise("zczx", "众车在线", List.of(), List.of(), "", "", ""));
        LexiconRiskScorer s = new LexiconRiskScorer(LEVELS, wl);
        List<Mention> mentions = List.of(new Mention("zc", "众车", 1, false), new Mention("zczx", "众车在线", 1, false));
        RiskAssessment r = s.score("", "警方对众车在线涉嫌非法吸收公众存款案立案侦查，众车用户报案。", mentions);
        assertEquals(List.of("zczx"), r.riskEntities());
    }

    @Test
    void moreEvidenceScoresHigherAndLevelsFollowThresholds() {
        RiskAssessment one = score("", "云帆科技被投诉。");
        RiskAssessment many = score("云帆科技资金链断裂", "云帆科技老板跑路，员工讨薪，警方已立案侦查。");
        assertEquals(50, one.score()); // 被投诉 alone: its weight, no bonus
        assertEquals(RiskLevel.BLUE, one.level());
        assertEquals(100, many.score());
        assertEquals(RiskLevel.RED, many.level());
        assertEquals(LEVELS.levelFor(many.score()), many.level());
        assertEquals(RiskCategory.FINANCIAL_DISTRESS, many.categories().get(0));
    }

    @Test
    void harmlessTextScoresZero() {
        assertEquals(RiskAssessment.none(), score("云帆科技喜迁新址", "云帆科技今日举行新厂区落成仪式。"));
    }

    @Test
    void malformedLexiconLineIsReportedWithItsLineNumber() {
        String tsv = "# comment\n欠薪\twage-arrears\t65\n跑路\tno-such-category\t80\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RiskLexicon.parse(
                new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "test.tsv"));
        assertTrue(e.getMessage().contains("test.tsv line 3"), e.getMessage());
    }

    @Test
    void traditionalTextTriggersSimplifiedLexiconTermsAndQuotesTheOriginal() {
        RiskAssessment r = score("", "雲帆科技多名員工討薪，稱公司拖欠工資三個月。");
        assertTrue(r.categories().contains(RiskCategory.WAGE_ARREARS), () -> "wage-arrears not in " + r.categories());
        assertTrue(r.evidence().stream().anyMatch(e -> e.sentence().contains("拖欠工資")), () -> "evidence " + r.evidence());
        assertEquals(List.of("yf"), r.riskEntities());
    }
}
