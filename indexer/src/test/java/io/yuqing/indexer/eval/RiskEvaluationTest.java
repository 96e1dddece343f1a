package io.yuqing.indexer.eval;

import io.yuqing.indexer.model.LabelledItem;
import io.yuqing.indexer.model.LabelledItems;
import io.yuqing.indexer.model.TrainOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Measures the scorer on FinNSP when the shared data is present; skips otherwise. */
class RiskEvaluationTest {

    @Test
    void figuresAreComputedFromCounts() {
        RiskEvaluation.Figures f = new RiskEvaluation.Figures(8, 2, 8);
        assertEquals(0.8, f.precision(), 1e-9);
        assertEquals(0.5, f.recall(), 1e-9);
        assertEquals(2 * 0.8 * 0.5 / 1.3, f.f1(), 1e-9);
        assertEquals(0.0, new RiskEvaluation.Figures(0, 0, 0).f1());
    }

    @Test
    void finnspFigures() throws Exception {
        Path shared = Path.of(System.getProperty("yuqing.shared", "../../shared"));
        Path data = shared.resolve("data/risk/finnsp/train.json");
        assumeTrue(Files.isRegularFile(data), "shared data absent: " + data);
        RiskEvaluation.Result r = RiskEvaluation.evaluateFinnsp(data, RiskEvaluation.DEFAULT_LEVELS);
        System.out.println("FinNSP items: " + r.items());
        System.out.println("FinNSP item level:   " + r.itemLevel());
        System.out.println("FinNSP entity level: " + r.entityLevel());
        assertEquals(3999, r.items());
        // A floor well under today's figures, so a broken lexicon or scorer fails the build.
        assertTrue(r.itemLevel().f1() > 0.85, r.itemLevel()::toString);
        assertTrue(r.entityLevel().f1() > 0.75, r.entityLevel()::toString);
    }

    @Test
    void crossValidatedModelBeatsTheLexiconOnFinnsp() throws Exception {
        Path data = Path.of(System.getProperty("yuqing.shared", "../../shared")).resolve("data/risk/finnsp/train.json");
        assumeTrue(Files.isRegularFile(data), "shared data absent: " + data);
        List<LabelledItem> items = LabelledItems.read(data).items();
        RiskEvaluation.CrossValidation cv = RiskEvaluation.crossValidate(items, RiskEvaluation.FOLDS,
                RiskEvaluation.CV_SEED, TrainOptions.defaults(), RiskEvaluation.DEFAULT_LEVELS);
        System.out.println("FinNSP 5-fold item level   lexicon:       " + cv.lexicon().itemLevel());
        System.out.println("FinNSP 5-fold item level   lexicon+model: " + cv.model().itemLevel());
        System.out.println("FinNSP 5-fold entity level lexicon:       " + cv.lexicon().entityLevel());
        System.out.println("FinNSP 5-fold entity level lexicon+model: " + cv.model().entityLevel());
        assertEquals(3999, cv.model().items());
        // Floors well under the measured 0.942 / 0.880, so a broken model or feature fails the build.
        assertTrue(cv.model().itemLevel().f1() > 0.90, cv.model().itemLevel()::toString);
        assertTrue(cv.model().entityLevel().f1() > 0.85, cv.model().entityLevel()::toString);
        assertTrue(cv.model().entityLevel().f1() > cv.lexicon().entityLevel().f1(), "the model must add something");
    }

    @Test
    void crossValidationRefusesTooFewItems() {
        assertThrows(IllegalArgumentException.class, () -> RiskEvaluation.crossValidate(List.of(), 5, 1,
                TrainOptions.defaults(), RiskEvaluation.DEFAULT_LEVELS));
    }
}
