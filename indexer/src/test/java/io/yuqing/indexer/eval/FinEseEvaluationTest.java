package io.yuqing.indexer.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.model.CategoryModel;
import io.yuqing.indexer.model.FinEseMapping;
import io.yuqing.indexer.model.FinEseRows;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FinEseEvaluationTest {
    private static Path data() {
        return Path.of(System.getProperty("yuqing.shared", "../../shared")).resolve("data/risk/finese/train.json");
    }

    @Test
    void mappingIsExplicitAboutNone() {
        assertEquals(Optional.of(RiskCategory.ILLEGAL_FUNDRAISING), FinEseMapping.categoryOf("涉嫌非法集资"));
        assertEquals(Optional.empty(), FinEseMapping.categoryOf("其他"));
        assertThrows(IllegalArgumentException.class, () -> FinEseMapping.categoryOf("不存在的类型"));
    }

    @Test
    void mappingCoversEveryEventTypeInTheData() throws Exception {
        assumeTrue(Files.isRegularFile(data()), "shared data absent: " + data());
        JsonNode rows = new ObjectMapper().readTree(data().toFile());
        for (JsonNode row : rows) {
            assertTrue(FinEseMapping.table().containsKey(row.get(2).asText()), row.get(2)::asText);
        }
    }

    @Test
    void lexiconCategoriesOnFinEse() throws Exception {
        assumeTrue(Files.isRegularFile(data()), "shared data absent: " + data());
        FinEseEvaluation.Result r = FinEseEvaluation.evaluate(data(), RiskEvaluation.DEFAULT_LEVELS);
        r.perCategory().forEach((c, f) -> System.out.println("FinESE " + c.code() + " " + f));
        System.out.println("FinESE macro-F1: " + r.macroF1());
        assertEquals(14252, r.items());
        assertEquals(8, r.perCategory().size());
        // A floor under the measured 0.334: a lexicon that lost its categories fails.
        assertTrue(r.macroF1() > 0.25, () -> "macro-F1 " + r.macroF1());
    }

    @Test
    void learnedCategoriesOnAHeldOutFifthOfFinEse() throws Exception {
        assumeTrue(Files.isRegularFile(data()), "shared data absent: " + data());
        List<FinEseRows.Row> rows = FinEseRows.read(data());
        int[] fold = FinEseEvaluation.foldsOf(rows.size(), 5, 7L);
        List<FinEseRows.Row> training = new ArrayList<>();
        List<FinEseRows.Row> heldOut = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (fold[i] == 0 ? heldOut : training).add(rows.get(i));
        }
        CategoryModel model = FinEseRows.train(training, CategoryModel.Options.defaults());
        long right = 0;
        long mappedWrong = 0;
        for (FinEseRows.Row row : heldOut) {
            Optional<RiskCategory> gold = FinEseMapping.categoryOf(row.type());
            Optional<RiskCategory> predicted = model.predict(row.text(), row.subject()).category();
            right += gold.equals(predicted) ? 1 : 0;
            mappedWrong += gold.isPresent() && !gold.equals(predicted) ? 1 : 0;
        }
        double accuracy = (double) right / heldOut.size();
        System.out.println("FinESE held-out fifth: accuracy " + accuracy + ", mapped rows wrong " + mappedWrong);
        // Floors under the measured figures (accuracy 0.88): a classifier that learned nothing fails.
        assertTrue(accuracy > 0.8, () -> "accuracy " + accuracy);
    }
}
