package io.yuqing.indexer.eval;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.model.CategoryModel;
import io.yuqing.indexer.model.FinEseMapping;
import io.yuqing.indexer.model.FinEseRows;
import io.yuqing.indexer.model.FinEseRows.Row;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Measures the lexicon scorer's categories on FinESE rows {@code [id, text, event_type, subject]} (no header, read by
 * {@link FinEseRows}), with event types mapped by {@link FinEseMapping}. The prediction for an item is its strongest
 * category (the one staff see first), or none when the lexicon finds nothing; gold is the mapped event type. Per category precision, recall and
 * F1 over all rows, and their macro average over the categories the mapping uses. The learned {@link CategoryModel}
 * is measured the same way, by k-fold cross-validation (never on rows it was trained on).
 */
public final class FinEseEvaluation {

    /** Figures per mapped category and their macro-F1. */
    public record Result(int items, Map<RiskCategory, RiskEvaluation.Figures> perCategory) {
        public double macroF1() {
            return perCategory.values().stream().mapToDouble(RiskEvaluation.Figures::f1).average().orElse(0);
        }
    }

    private FinEseEvaluation() {
    }

    /**
     * Lexicon alone, the learned classifier alone, and what staff are shown with a model loaded (the classifier's
     * category, the lexicon's only where it is of a kind the classifier never saw: {@link CategoryModel#rank}); each fold is scored by a
     * classifier not trained on it.
     */
    public record CrossValidation(int folds, Result lexicon, Result model, Result shown) {
    }

    public static Result evaluate(Path trainJson, ScoringConfig.LevelThresholds levels) throws IOException {
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        Counts counts = new Counts();
        for (Row row : FinEseRows.read(trainJson)) {
            counts.add(FinEseMapping.categoryOf(row.type()), lexiconCategory(row, levels, lexicon));
        }
        return counts.result();
    }

    /**
     * k-fold cross-validation of the category classifier trained on FinESE's event types (rows shuffled with
     * {@code seed}, each fold predicted by a classifier trained on the others), next to the lexicon on the same rows.
     */
    public static CrossValidation crossValidate(List<Row> rows, int folds, long seed, CategoryModel.Options options,
                                                ScoringConfig.LevelThresholds levels) {
        if (folds < 2 || folds > rows.size()) {
            throw new IllegalArgumentException("folds must be within 2.." + rows.size() + ", got " + folds);
        }
        int[] foldOf = foldsOf(rows.size(), folds, seed);
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        Counts lexiconCounts = new Counts();
        Counts modelCounts = new Counts();
        Counts shownCounts = new Counts();
        for (int fold = 0; fold < folds; fold++) {
            List<CategoryModel.Example> training = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (foldOf[i] != fold) {
                    training.add(FinEseRows.example(rows.get(i)));
                }
            }
            CategoryModel model = CategoryModel.train(training, FinEseMapping.table(), options);
            for (int i = 0; i < rows.size(); i++) {
                if (foldOf[i] == fold) {
                    Row row = rows.get(i);
                    Optional<RiskCategory> gold = FinEseMapping.categoryOf(row.type());
                    Optional<RiskCategory> lexiconCategory = lexiconCategory(row, levels, lexicon);
                    CategoryModel.Prediction prediction = model.predict(row.text(), row.subject());
                    lexiconCounts.add(gold, lexiconCategory);
                    modelCounts.add(gold, prediction.category());
                    shownCounts.add(gold, model.rank(lexiconCategory.stream().toList(), prediction).stream().findFirst());
                }
            }
        }
        return new CrossValidation(folds, lexiconCounts.result(), modelCounts.result(), shownCounts.result());
    }

    /** Row i's fold: rows shuffled with {@code seed}, then dealt in turn. */
    static int[] foldsOf(int size, int folds, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] foldOf = new int[size];
        for (int k = 0; k < order.size(); k++) {
            foldOf[order.get(k)] = k % folds;
        }
        return foldOf;
    }

    private static Optional<RiskCategory> lexiconCategory(Row row, ScoringConfig.LevelThresholds levels, RiskLexicon lexicon) {
        List<Enterprise> watchlist = row.subject().isEmpty() ? List.of()
                : List.of(new Enterprise("s", row.subject(), List.of(), List.of(), "", "", ""));
        List<Mention> mentions = new WatchlistMatcher(watchlist).match("", row.text());
        RiskAssessment risk = new LexiconRiskScorer(levels, watchlist, lexicon).score("", row.text(), mentions);
        return categoryAbout(row.subject(), risk);
    }

    /** Per mapped category: true positives, false positives, false negatives. */
    private static final class Counts {
        private final Map<RiskCategory, long[]> counts = new EnumMap<>(RiskCategory.class);
        private int items;

        Counts() {
            FinEseMapping.table().values().stream().filter(c -> c != null).forEach(c -> counts.put(c, new long[3]));
        }

        void add(Optional<RiskCategory> gold, Optional<RiskCategory> predicted) {
            items++;
            counts.forEach((c, k) -> {
                boolean g = gold.filter(c::equals).isPresent();
                boolean p = predicted.filter(c::equals).isPresent();
                if (g && p) {
                    k[0]++;
                } else if (p) {
                    k[1]++;
                } else if (g) {
                    k[2]++;
                }
            });
        }

        Result result() {
            Map<RiskCategory, RiskEvaluation.Figures> figures = new EnumMap<>(RiskCategory.class);
            counts.forEach((c, k) -> figures.put(c, new RiskEvaluation.Figures(k[0], k[1], k[2])));
            return new Result(items, figures);
        }
    }

    /**
     * The strongest category among evidence whose sentence names the subject (FinESE texts often string several
     * headlines together, and the label is about the subject's event); the item's strongest when no evidence does.
     */
    static Optional<RiskCategory> categoryAbout(String subject, RiskAssessment risk) {
        if (!subject.isEmpty()) {
            Set<RiskCategory> aboutSubject = EnumSet.noneOf(RiskCategory.class);
            risk.evidence().stream().filter(e -> e.sentence().contains(subject)).forEach(e -> aboutSubject.add(e.category()));
            Optional<RiskCategory> strongest = risk.categories().stream().filter(aboutSubject::contains).findFirst();
            if (strongest.isPresent()) {
                return strongest;
            }
        }
        return risk.categories().stream().findFirst();
    }

    /**
     * Prints the lexicon's per-category figures and macro-F1 on every row, then 5-fold cross-validation of the
     * learned classifier against the lexicon. Returns the process exit code.
     */
    public static int run(Path file, PrintStream out) throws IOException {
        List<Row> rows = FinEseRows.read(file);
        if (rows.size() < RiskEvaluation.FOLDS) {
            out.println(file + ": " + rows.size() + " FinESE rows, at least " + RiskEvaluation.FOLDS + " needed");
            return 1;
        }
        CrossValidation cv = crossValidate(rows, RiskEvaluation.FOLDS, RiskEvaluation.CV_SEED,
                CategoryModel.Options.defaults(), RiskEvaluation.DEFAULT_LEVELS);
        out.println("FinESE items: " + rows.size() + ", " + cv.folds() + "-fold cross-validation, seed " + RiskEvaluation.CV_SEED);
        for (RiskCategory c : cv.lexicon().perCategory().keySet()) {
            out.println(String.format(Locale.ROOT, "%-22s lexicon %s", c.code(), cv.lexicon().perCategory().get(c)));
            out.println(String.format(Locale.ROOT, "%-22s model   %s", "", cv.model().perCategory().get(c)));
            out.println(String.format(Locale.ROOT, "%-22s shown   %s", "", cv.shown().perCategory().get(c)));
        }
        out.println(String.format(Locale.ROOT, "category macro-F1 over %d mapped categories: lexicon %.3f, model %.3f, "
                        + "shown with a model loaded %.3f",
                cv.lexicon().perCategory().size(), cv.lexicon().macroF1(), cv.model().macroF1(), cv.shown().macroF1()));
        return 0;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length != 1) {
            out.println("usage: FinEseEvaluation <finese/train.json>");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0]), out));
    }
}
