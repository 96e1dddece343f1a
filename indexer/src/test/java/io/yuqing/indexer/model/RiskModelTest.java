package io.yuqing.indexer.model;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.indexer.match.WatchlistMatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskModelTest {
    private static final ScoringConfig.LevelThresholds LEVELS = new ScoringConfig.LevelThresholds(40, 55, 70, 85);
    private static final Enterprise BAD = new Enterprise("bad", "青州云帆科技有限公司", List.of("云帆科技"), List.of(), "", "", "");
    private static final Enterprise GOOD = new Enterprise("good", "青州远山物流有限公司", List.of("远山物流"), List.of(), "", "", "");
    private static RiskModel model;

    @BeforeAll
    static void train() {
        model = RiskModel.train(SyntheticItems.generate(300, 7L), TrainOptions.defaults());
    }

    private static RiskAssessment score(RiskModel m, String text) {
        List<Enterprise> watchlist = List.of(BAD, GOOD);
        List<Mention> mentions = new WatchlistMatcher(watchlist).match("", text);
        return new ModelRiskScorer(m, LEVELS, watchlist).score("", text, mentions);
    }

    private static Map<String, Double> probabilities(RiskModel m, String text) {
        List<Enterprise> watchlist = List.of(BAD, GOOD);
        List<Mention> mentions = new WatchlistMatcher(watchlist).match("", text);
        return new ModelRiskScorer(m, LEVELS, watchlist).entityProbabilities("", text, mentions);
    }

    @Test
    void learnsWhichEntityTheNewsIsBadFor() {
        // Names never seen in training, and with the short names the watchlist gives them.
        String text = "据报道，云帆科技被曝资金链断裂，大批员工讨薪无果。同日，远山物流举办了产品发布会。";
        Map<String, Double> p = probabilities(model, text);
        assertTrue(p.get("bad") > 0.9, p::toString);
        assertTrue(p.get("good") < 0.1, p::toString);
        RiskAssessment risk = score(model, text);
        assertEquals(List.of("bad"), risk.riskEntities());
        assertTrue(risk.level().atLeast(RiskLevel.BLUE), risk::toString);

        String swapped = "据报道，远山物流被曝资金链断裂，大批员工讨薪无果。同日，云帆科技举办了产品发布会。";
        assertEquals(List.of("good"), score(model, swapped).riskEntities());
    }

    @Test
    void harmlessItemsStayBelowTheWarningLine() {
        RiskAssessment risk = score(model, "云帆科技与远山物流签署战略合作协议，双方将在新能源领域开展合作。");
        assertEquals(List.of(), risk.riskEntities());
        assertEquals(RiskLevel.NONE, risk.level());
    }

    @Test
    void aDenialStaysNonNegative() {
        RiskAssessment risk = score(model, "云帆科技发布声明，否认拖欠工资一事，称工资均已按时发放。远山物流举办了产品发布会。");
        assertEquals(List.of(), risk.riskEntities());
        assertEquals(RiskLevel.NONE, risk.level());
        assertTrue(risk.evidence().isEmpty(), risk::toString);
    }

    @Test
    void anUntrainedModelWouldNotPassTheseTests() {
        // One epoch on items whose labels carry no signal learns nothing useful: guards the tests above against
        // passing by a rule rather than by what the model learned.
        List<LabelledItem> noise = SyntheticItems.generate(30, 9L).stream()
                .map(i -> new LabelledItem(i.id(), i.title(), i.text(), i.entities(), false, List.of()))
                .toList();
        RiskModel blind = RiskModel.train(noise, TrainOptions.defaults().withEpochs(1));
        String text = "据报道，云帆科技被曝资金链断裂，大批员工讨薪无果。同日，远山物流举办了产品发布会。";
        assertEquals(List.of(), score(blind, text).riskEntities());
    }

    @Test
    void saveAndLoadGiveIdenticalPredictions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("models/risk.model");
        model.save(file);
        RiskModel loaded = RiskModel.load(file);
        assertEquals(model.threshold(), loaded.threshold());
        assertEquals(model.hashBits(), loaded.hashBits());
        for (LabelledItem item : SyntheticItems.generate(30, 11L)) {
            List<Enterprise> watchlist = item.entities().stream()
                    .map(n -> new Enterprise(null, n, List.of(), List.of(), "", "", "")).toList();
            List<Mention> mentions = new WatchlistMatcher(watchlist).match(item.title(), item.text());
            assertEquals(new ModelRiskScorer(model, LEVELS, watchlist).entityProbabilities(item.title(), item.text(), mentions),
                    new ModelRiskScorer(loaded, LEVELS, watchlist).entityProbabilities(item.title(), item.text(), mentions));
        }
        assertTrue(Files.size(file) < 2_000_000, "model file stays compact: " + Files.size(file));
    }

    @Test
    void aFileThatIsNotAModelIsRefusedWithAMessage(@TempDir Path dir) throws IOException {
        Path notGzip = Files.writeString(dir.resolve("x.model"), "hello", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> RiskModel.load(notGzip));
        assertTrue(e.getMessage().contains("not a Yuqing risk model"), e.getMessage());
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new TrainOptions(0, 0.1, 0, 20, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new TrainOptions(5, 0.1, 0, 20, 1.5, 1));
    }
}
