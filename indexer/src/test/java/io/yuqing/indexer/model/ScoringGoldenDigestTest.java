package io.yuqing.indexer.model;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.indexer.eval.RiskEvaluation;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Speed work on matching and scoring must not change a single output. The expected digests were recorded with the
 * code as it was before that work (2026-11-26, issue #4) on FinNSP and FinESE items read at test time from the shared
 * data (skipped when absent; the data itself is never copied into the repository).
 *
 * <p>What is digested, for the first {@value #ITEMS} FinNSP items, each as written and as a perturbed copy (spaces
 * inside Han runs, full-width ASCII, short names and aliases on the watchlist, so normalisation offsets and the
 * alias rules are exercised): the matcher's mentions; the lexicon scorer's score, level, categories, evidence (term,
 * category, sentence, in title) and risk entities; the same for the model scorer (a model trained here on FinNSP
 * items {@value #TRAIN_FROM}–{@value #TRAIN_TO}, deterministic, with a category classifier trained on the first
 * {@value #FINESE_ROWS} FinESE rows); and the model's exact probability per candidate. A failure names the block of
 * {@value #BLOCK} items that changed.
 */
class ScoringGoldenDigestTest {
    static final int ITEMS = 2000;
    static final int BLOCK = 250;
    static final int TRAIN_FROM = 2000;
    static final int TRAIN_TO = 3000;
    static final int FINESE_ROWS = 1500;

    /** SHA-256 (first 16 hex digits) of each block of {@value #BLOCK} items, recorded before the speed work. */
    private static final List<String> EXPECTED_BLOCKS = List.of(
            "a234b5ce563aa6a7", "8d88171d64c76485", "c1c586a2a612ecdd", "769615a0e19e39ea",
            "8e8cc2a7e4065a0a", "e7b686969356fb47", "fc2d34875a07f85f", "84e91aa8d2d03687");
    /** The same over the FinESE category predictions of rows {@value #FINESE_ROWS}… (500 rows). */
    private static final String EXPECTED_CATEGORIES = "223503859f1e8bb0";

    @Test
    void scoringOutputsAreUnchanged() throws Exception {
        Path shared = Path.of(System.getProperty("yuqing.shared", "../../shared"));
        Path finnsp = shared.resolve("data/risk/finnsp/train.json");
        Path finese = shared.resolve("data/risk/finese/train.json");
        assumeTrue(Files.isRegularFile(finnsp) && Files.isRegularFile(finese), "shared data absent: " + finnsp);

        List<LabelledItem> items = LabelledItems.read(finnsp).items();
        List<FinEseRows.Row> rows = FinEseRows.read(finese);
        CategoryModel categories = FinEseRows.train(rows.subList(0, FINESE_ROWS),
                new CategoryModel.Options(2, 0.1, 1e-6, 16, 20260101L));
        RiskModel model = RiskModel.train(items.subList(TRAIN_FROM, TRAIN_TO), TrainOptions.defaults())
                .withCategories(categories);
        RiskLexicon lexicon = RiskLexicon.loadDefault();

        Exercised exercised = new Exercised();
        List<String> blocks = new ArrayList<>();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < ITEMS; i++) {
            LabelledItem item = items.get(i);
            StringBuilder record = new StringBuilder();
            describe(record, item.title(), item.text(), watchlist(item.entities(), false), model, lexicon, exercised);
            describe(record, perturb(item.title()), perturb(item.text()), watchlist(item.entities(), true), model, lexicon,
                    exercised);
            digest.update(record.toString().getBytes(StandardCharsets.UTF_8));
            if ((i + 1) % BLOCK == 0) {
                blocks.add(HexFormat.of().formatHex(digest.digest()).substring(0, 16));
            }
        }
        StringBuilder predictions = new StringBuilder();
        for (FinEseRows.Row row : rows.subList(FINESE_ROWS, FINESE_ROWS + 500)) {
            CategoryModel.Prediction p = categories.predict(row.text(), row.subject());
            predictions.append(p.category().map(Enum::name).orElse("-")).append('|').append(p.type()).append('|')
                    // Rounded: the classifier pools types in a HashMap keyed by enum constants, whose order (and so the
                    // order of a floating-point sum) differs from one JVM run to the next.
                    .append(String.format(Locale.ROOT, "%.9f", p.probability())).append('\n');
        }
        String categoryDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(predictions.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        System.out.println("scoring digest blocks: " + blocks + ", categories: " + categoryDigest + "; exercised: "
                + exercised);
        // The digest must cover real work: items with mentions, evidence, model risk entities, perturbed aliases.
        assertTrue(exercised.mentioned() > 3000 && exercised.evidence() > 2000 && exercised.modelEntities() > 1500
                && exercised.aliasMentions() > 500, exercised::toString);
        for (int b = 0; b < blocks.size(); b++) {
            assertEquals(EXPECTED_BLOCKS.get(b), blocks.get(b), "outputs changed in FinNSP items "
                    + (b * BLOCK) + "–" + ((b + 1) * BLOCK - 1));
        }
        assertEquals(EXPECTED_CATEGORIES, categoryDigest, "category predictions changed");
    }

    /** Counts of what the sample exercised, so a digest over empty outputs cannot pass unnoticed. */
    private static final class Exercised {
        int mentioned;
        int evidence;
        int modelEntities;
        int aliasMentions;

        int mentioned() {
            return mentioned;
        }

        int evidence() {
            return evidence;
        }

        int modelEntities() {
            return modelEntities;
        }

        int aliasMentions() {
            return aliasMentions;
        }

        @Override
        public String toString() {
            return "items with mentions " + mentioned + ", with evidence " + evidence + ", with model risk entities "
                    + modelEntities + ", perturbed items with mentions " + aliasMentions;
        }
    }

    private static void describe(StringBuilder out, String title, String text, List<Enterprise> watchlist,
                                 RiskModel model, RiskLexicon lexicon, Exercised exercised) {
        List<Mention> mentions = new WatchlistMatcher(watchlist).match(title, text);
        out.append("M").append(mentions).append('\n');
        RiskAssessment lex = new LexiconRiskScorer(RiskEvaluation.DEFAULT_LEVELS, watchlist, lexicon)
                .score(title, text, mentions);
        describe(out, "L", lex);
        ModelRiskScorer scorer = new ModelRiskScorer(model, RiskEvaluation.DEFAULT_LEVELS, watchlist, lexicon);
        RiskAssessment withModel = scorer.score(title, text, mentions);
        describe(out, "R", withModel);
        exercised.mentioned += mentions.isEmpty() ? 0 : 1;
        exercised.evidence += lex.evidence().isEmpty() ? 0 : 1;
        exercised.modelEntities += withModel.riskEntities().isEmpty() ? 0 : 1;
        exercised.aliasMentions += !mentions.isEmpty() && watchlist.stream().anyMatch(e -> !e.shortNames().isEmpty()) ? 1 : 0;
        for (Map.Entry<String, Double> p : scorer.entityProbabilities(title, text, mentions).entrySet()) {
            out.append("P").append(p.getKey()).append('=').append(Double.doubleToLongBits(p.getValue())).append('\n');
        }
    }

    private static void describe(StringBuilder out, String tag, RiskAssessment r) {
        out.append(tag).append(r.score()).append('|').append(r.level()).append('|').append(r.categories())
                .append('|').append(r.riskEntities()).append('\n');
        for (Evidence e : r.evidence()) {
            out.append(tag).append("E").append(e.term()).append('|').append(e.category()).append('|')
                    .append(e.sentence()).append('|').append(e.inTitle()).append('\n');
        }
    }

    /** The item's candidates, ids e0, e1, …; perturbed: every name longer than 4 chars also goes by its first 4. */
    private static List<Enterprise> watchlist(List<String> names, boolean withAliases) {
        List<Enterprise> out = new ArrayList<>();
        int n = 0;
        for (String name : new LinkedHashSet<>(names)) {
            List<String> aliases = new ArrayList<>();
            if (withAliases && name.length() > 4) {
                aliases.add(name.substring(0, 4));
            }
            if (withAliases && n % 3 == 1 && name.length() > 2) {
                aliases.add(name.substring(0, 2)); // a short alias: counts only when corroborated
            }
            out.add(new Enterprise("e" + (n++), name, aliases, List.of(), "", "", ""));
        }
        return out;
    }

    /** Full-width ASCII letters and digits, and a space after every 7th char, so normalisation has work to do. */
    private static String perturb(String s) {
        StringBuilder sb = new StringBuilder(s.length() + s.length() / 7 + 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x80 && Character.isLetterOrDigit(c) ? (char) (c + 0xFEE0) : c);
            if (i % 7 == 6) {
                sb.append(i % 14 == 6 ? ' ' : '\u3000');
            }
        }
        return sb.toString();
    }
}
