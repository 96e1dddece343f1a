package io.yuqing.indexer.model;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.match.WatchlistMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoryModelTest {
    private static final ScoringConfig.LevelThresholds LEVELS = new ScoringConfig.LevelThresholds(40, 55, 70, 85);
    private static final Map<String, RiskCategory> MAPPING = new LinkedHashMap<>();

    static {
        MAPPING.put("业绩下滑", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("资金账户风险", RiskCategory.FINANCIAL_DISTRESS);
        MAPPING.put("信批违规", RiskCategory.DISCLOSURE_VIOLATION);
        MAPPING.put("评级调整", null);
    }

    /** Wording per type; the subject stands where {@code S} is, another company where {@code O} is. */
    private static final Map<String, List<String>> WORDING = Map.of(
            "业绩下滑", List.of("S前三季度净利润同比下降七成，O表示关注", "S发布预告称全年亏损扩大"),
            "资金账户风险", List.of("S多个银行账户被冻结，O为其债权人", "S募集资金账户遭司法冻结"),
            "信批违规", List.of("S因未及时披露关联交易收到警示函，O未受影响", "S信息披露不及时被监管通报"),
            "评级调整", List.of("评级机构将S的主体信用等级上调至AA，O维持不变", "S评级展望由稳定调整为正面"));

    private static CategoryModel model;

    private static List<CategoryModel.Example> examples(int count, long seed) {
        Random random = new Random(seed);
        List<String> types = new ArrayList<>(MAPPING.keySet());
        List<CategoryModel.Example> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = types.get(random.nextInt(types.size()));
            List<String> wording = WORDING.get(type);
            String subject = SyntheticItems.name(random);
            String text = wording.get(random.nextInt(wording.size())).replace("S", subject).replace("O", SyntheticItems.name(random));
            out.add(new CategoryModel.Example(text, subject, type));
        }
        return out;
    }

    @BeforeAll
    static void train() {
        model = CategoryModel.train(examples(200, 3L), MAPPING, new CategoryModel.Options(5, 0.1, 1e-6, 16, 1L));
    }

    @Test
    void learnsTheCategoryOfUnseenNamesAndPoolsTypesOfOneCategory() {
        CategoryModel.Prediction frozen = model.predict("青州云帆科技有限公司多个银行账户被冻结", "青州云帆科技有限公司");
        assertEquals(Optional.of(RiskCategory.FINANCIAL_DISTRESS), frozen.category(), frozen::toString);
        assertEquals("资金账户风险", frozen.type());
        CategoryModel.Prediction late = model.predict("云帆科技因未及时披露关联交易收到警示函", "云帆科技");
        assertEquals(Optional.of(RiskCategory.DISCLOSURE_VIOLATION), late.category(), late::toString);
        CategoryModel.Prediction rated = model.predict("评级机构将云帆科技的主体信用等级上调至AA", "云帆科技");
        assertEquals(Optional.empty(), rated.category(), "a type mapped to none gives no category: " + rated);
        assertTrue(frozen.probability() > 0.5 && frozen.probability() <= 1, frozen::toString);
    }

    @Test
    void anUntrainedClassifierWouldNotPassTheTestAbove() {
        // Labels shuffled: the wording no longer tells the type, so the answers above cannot come from a rule.
        List<CategoryModel.Example> shuffled = new ArrayList<>();
        List<CategoryModel.Example> real = examples(200, 3L);
        List<String> types = new ArrayList<>(MAPPING.keySet());
        for (int i = 0; i < real.size(); i++) {
            shuffled.add(new CategoryModel.Example(real.get(i).text(), real.get(i).subject(), types.get(i % types.size())));
        }
        CategoryModel blind = CategoryModel.train(shuffled, MAPPING, new CategoryModel.Options(5, 0.1, 1e-6, 16, 1L));
        int right = 0;
        for (CategoryModel.Example e : examples(100, 5L)) {
            right += blind.predict(e.text(), e.subject()).category().equals(Optional.ofNullable(MAPPING.get(e.type()))) ? 1 : 0;
        }
        int trainedRight = 0;
        for (CategoryModel.Example e : examples(100, 5L)) {
            trainedRight += model.predict(e.text(), e.subject()).category().equals(Optional.ofNullable(MAPPING.get(e.type()))) ? 1 : 0;
        }
        assertTrue(trainedRight >= 95, "trained: " + trainedRight + "/100");
        assertTrue(right < 80, "shuffled labels: " + right + "/100");
    }

    @Test
    void theClassifierDecidesAmongTheKindsItKnowsAndLeavesTheOthers() {
        List<RiskCategory> lexicon = List.of(RiskCategory.LITIGATION_PENALTY, RiskCategory.FINANCIAL_DISTRESS);
        assertEquals(List.of(RiskCategory.FINANCIAL_DISTRESS, RiskCategory.LITIGATION_PENALTY), model.rank(lexicon,
                new CategoryModel.Prediction(Optional.of(RiskCategory.FINANCIAL_DISTRESS), "资金账户风险", 0.9)));
        assertEquals(List.of(RiskCategory.DISCLOSURE_VIOLATION, RiskCategory.LITIGATION_PENALTY, RiskCategory.FINANCIAL_DISTRESS),
                model.rank(lexicon, new CategoryModel.Prediction(Optional.of(RiskCategory.DISCLOSURE_VIOLATION), "信批违规", 0.7)));
        CategoryModel.Prediction none = new CategoryModel.Prediction(Optional.empty(), "评级调整", 0.8);
        // financial-distress is a kind it was trained on and judged absent; litigation and wages it never saw.
        assertEquals(List.of(RiskCategory.LITIGATION_PENALTY), model.rank(lexicon, none));
        List<RiskCategory> wages = List.of(RiskCategory.WAGE_ARREARS, RiskCategory.DISCLOSURE_VIOLATION);
        assertEquals(List.of(RiskCategory.WAGE_ARREARS), model.rank(wages, none));
    }

    @Test
    void aWarningKeepsTheLexiconsCategoriesWhenTheClassifierDropsThemAll() {
        List<RiskCategory> lexicon = List.of(RiskCategory.FINANCIAL_DISTRESS);
        CategoryModel.Prediction none = new CategoryModel.Prediction(Optional.empty(), "评级调整", 0.8);
        List<RiskCategory> ranked = model.rank(lexicon, none);
        assertEquals(List.of(), ranked);
        assertEquals(lexicon, ModelRiskScorer.shown(ranked, lexicon, true), "a warning still reaches the desks of its kind");
        assertEquals(List.of(), ModelRiskScorer.shown(ranked, lexicon, false));
        assertEquals(List.of(RiskCategory.FRAUD), ModelRiskScorer.shown(List.of(RiskCategory.FRAUD), lexicon, true));
    }

    @Test
    void aTypeOutsideTheMappingIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CategoryModel.train(
                List.of(new CategoryModel.Example("某公司停业", "某公司", "歇业停业")), MAPPING, CategoryModel.Options.defaults()));
        assertTrue(e.getMessage().contains("歇业停业"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CategoryModel.train(List.of(), Map.of(), CategoryModel.Options.defaults()));
    }

    @Test
    void travelsInTheRiskModelFileAndLeadsTheScorersCategories(@TempDir Path dir) throws IOException {
        RiskModel pairs = RiskModel.train(SyntheticItems.generate(200, 7L), TrainOptions.defaults());
        Path file = dir.resolve("with-categories.model");
        pairs.withCategories(model).save(file);
        RiskModel loaded = RiskModel.load(file);
        assertTrue(loaded.categories().isPresent());
        assertEquals(model.types(), loaded.categories().get().types());
        String text = "据报道，云帆科技被曝资金链断裂，多个银行账户被冻结，大批员工讨薪无果。";
        assertEquals(model.predict(text, "云帆科技"), loaded.categories().get().predict(text, "云帆科技"));

        List<Enterprise> watchlist = List.of(new Enterprise("yf", "青州云帆科技有限公司", List.of("云帆科技"), List.of(), "", "", ""));
        List<Mention> mentions = new WatchlistMatcher(watchlist).match("", text);
        RiskAssessment without = new ModelRiskScorer(pairs, LEVELS, watchlist).score("", text, mentions);
        RiskAssessment with = new ModelRiskScorer(loaded, LEVELS, watchlist).score("", text, mentions);
        assertEquals(RiskCategory.FINANCIAL_DISTRESS, with.categories().getFirst(), with::toString);
        assertEquals(without.riskEntities(), with.riskEntities());
        assertEquals(without.evidence(), with.evidence());
        assertTrue(with.categories().containsAll(without.categories()), "the lexicon's categories all stay: " + with);
        assertTrue(RiskModel.load(dir.resolve("with-categories.model")).categories().isPresent());
        Path plain = dir.resolve("plain.model");
        pairs.save(plain);
        assertTrue(RiskModel.load(plain).categories().isEmpty());
    }
}
