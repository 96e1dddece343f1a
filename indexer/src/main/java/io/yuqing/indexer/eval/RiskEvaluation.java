package io.yuqing.indexer.eval;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.model.LabelledItem;
import io.yuqing.indexer.model.LabelledItems;
import io.yuqing.indexer.model.ModelRiskScorer;
import io.yuqing.indexer.model.PreparedItem;
import io.yuqing.indexer.model.RiskModel;
import io.yuqing.indexer.model.TrainOptions;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Measures the matcher and scorer on the FinNSP set (BBT-FinCUGE): rows
 * {@code [id, title, text, entities ;-separated, negative 0/1, key_entity ;-separated]}, first row a header.
 * Each item is matched against a watchlist made of its own {@code entities} and scored with the default levels.
 * <ul>
 *   <li>item level: predicted negative = the item reaches a warning level; gold = {@code negative};</li>
 *   <li>entity level: predicted = the names of the risk entities, gold = {@code key_entity} when negative, else
 *       nothing; micro-averaged over (item, entity) pairs.</li>
 * </ul>
 * Usage: {@code java io.yuqing.indexer.eval.RiskEvaluation path/to/finnsp/train.json}
 */
public final class RiskEvaluation {
    /** The defaults of yuqing-defaults.yml. */
    public static final ScoringConfig.LevelThresholds DEFAULT_LEVELS = new ScoringConfig.LevelThresholds(40, 55, 70, 85);

    /** Precision, recall and F1 from raw counts. */
    public record Figures(long truePositives, long falsePositives, long falseNegatives) {
        public double precision() {
            return ratio(truePositives, truePositives + falsePositives);
        }

        public double recall() {
            return ratio(truePositives, truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        private static double ratio(long a, long b) {
            return b == 0 ? 0 : (double) a / b;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)",
                    precision(), recall(), f1(), truePositives, falsePositives, falseNegatives);
        }
    }

    /** The outcome of one evaluation run. */
    public record Result(int items, Figures itemLevel, Figures entityLevel) {
    }

    private RiskEvaluation() {
    }

    /** The lexicon scorer alone on a FinNSP-layout file, each item's named companies as its watchlist. */
    public static Result evaluateFinnsp(Path trainJson, ScoringConfig.LevelThresholds levels) throws IOException {
        return evaluate(LabelledItems.read(trainJson).items(), null, levels);
    }

    /** Lexicon alone and lexicon+model, each measured only on items the model was not trained on. */
    public record CrossValidation(int folds, Result lexicon, Result model) {
    }

    /**
     * k-fold cross-validation: items are shuffled with {@code seed} and dealt into {@code folds} folds; each fold is
     * scored by a model trained on the others (never on itself), and by the lexicon alone for comparison.
     */
    public static CrossValidation crossValidate(List<LabelledItem> items, int folds, long seed, TrainOptions options,
                                                ScoringConfig.LevelThresholds levels) {
        if (folds < 2 || folds > items.size()) {
            throw new IllegalArgumentException("folds must be within 2.." + items.size() + ", got " + folds);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] foldOf = new int[items.size()];
        for (int k = 0; k < order.size(); k++) {
            foldOf[order.get(k)] = k % folds;
        }
        List<PreparedItem> prepared = RiskModel.prepare(items, options.hashBits());
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        Counts lexiconCounts = new Counts();
        Counts modelCounts = new Counts();
        for (int fold = 0; fold < folds; fold++) {
            List<PreparedItem> training = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (foldOf[i] != fold) {
                    training.add(prepared.get(i));
                }
            }
            RiskModel model = RiskModel.trainPrepared(training, options);
            for (int i = 0; i < items.size(); i++) {
                if (foldOf[i] != fold) {
                    continue;
                }
                LabelledItem item = items.get(i);
                Watchlist w = Watchlist.of(item.entities());
                List<Mention> mentions = new WatchlistMatcher(w.enterprises()).match(item.title(), item.text());
                RiskAssessment lex = new LexiconRiskScorer(levels, w.enterprises(), lexicon)
                        .score(item.title(), item.text(), mentions);
                RiskAssessment withModel = new ModelRiskScorer(model, levels, w.enterprises(), lexicon)
                        .score(item.title(), item.text(), mentions);
                Set<String> gold = new LinkedHashSet<>(item.riskEntities());
                lexiconCounts.add(item.negative(), lex.level() != RiskLevel.NONE, gold, w.names(lex.riskEntities()));
                modelCounts.add(item.negative(), withModel.level() != RiskLevel.NONE, gold, w.names(withModel.riskEntities()));
            }
        }
        return new CrossValidation(folds, lexiconCounts.result(), modelCounts.result());
    }

    /**
     * Scores labelled items with the lexicon alone ({@code model} null) or with the model, each item's {@code entities}
     * as its watchlist, and counts item- and entity-level agreement with the labels. Used to decide whether a retrained
     * model is kept.
     */
    public static Result evaluate(List<LabelledItem> items, RiskModel model, ScoringConfig.LevelThresholds levels) {
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        Counts counts = new Counts();
        for (LabelledItem item : items) {
            Watchlist w = Watchlist.of(item.entities());
            List<Mention> mentions = new WatchlistMatcher(w.enterprises()).match(item.title(), item.text());
            RiskAssessment r = model == null
                    ? new LexiconRiskScorer(levels, w.enterprises(), lexicon).score(item.title(), item.text(), mentions)
                    : new ModelRiskScorer(model, levels, w.enterprises(), lexicon).score(item.title(), item.text(), mentions);
            counts.add(item.negative(), r.level() != RiskLevel.NONE, new LinkedHashSet<>(item.riskEntities()), w.names(r.riskEntities()));
        }
        return counts.result();
    }

    /** An item's candidate names as a watchlist, ids e0, e1, … */
    private record Watchlist(List<Enterprise> enterprises, Map<String, String> nameById) {
        static Watchlist of(List<String> names) {
            List<Enterprise> list = new ArrayList<>();
            Map<String, String> byId = new HashMap<>();
            int n = 0;
            for (String name : new LinkedHashSet<>(names)) {
                String id = "e" + (n++);
                list.add(new Enterprise(id, name, List.of(), List.of(), "", "", ""));
                byId.put(id, name);
            }
            return new Watchlist(list, byId);
        }

        Set<String> names(List<String> ids) {
            Set<String> out = new LinkedHashSet<>();
            ids.forEach(id -> out.add(nameById.get(id)));
            return out;
        }
    }

    /** Item- and entity-level counts. */
    private static final class Counts {
        long itp, ifp, ifn, etp, efp, efn;
        int items;

        void add(boolean goldNegative, boolean predictedNegative, Set<String> gold, Set<String> predicted) {
            items++;
            if (predictedNegative && goldNegative) {
                itp++;
            } else if (predictedNegative) {
                ifp++;
            } else if (goldNegative) {
                ifn++;
            }
            for (String p : predicted) {
                if (gold.contains(p)) {
                    etp++;
                } else {
                    efp++;
                }
            }
            for (String g : gold) {
                if (!predicted.contains(g)) {
                    efn++;
                }
            }
        }

        Result result() {
            return new Result(items, new Figures(itp, ifp, ifn), new Figures(etp, efp, efn));
        }
    }

    private static Set<String> splitNames(String joined) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(joined.split(";")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        return names;
    }

    /** Folds and seed of the project's cross-validation. */
    public static final int FOLDS = 5;
    public static final long CV_SEED = 42L;

    /**
     * {@code yuqing eval risk FILE}: the lexicon on every item of FILE (FinNSP rows or review JSON Lines), then 5-fold
     * cross-validation of lexicon alone against lexicon+model. Returns the process exit code.
     */
    public static int run(Path file, PrintStream out) throws IOException {
        LabelledItems.ReadResult read = LabelledItems.read(file);
        read.problems().forEach(p -> out.println("skipped " + p));
        if (read.items().size() < FOLDS) {
            out.println(file + ": " + read.items().size() + " readable items, at least " + FOLDS + " needed");
            return 1;
        }
        CrossValidation cv = crossValidate(read.items(), FOLDS, CV_SEED, TrainOptions.defaults(), DEFAULT_LEVELS);
        out.println("items: " + cv.lexicon().items() + ", " + cv.folds() + "-fold cross-validation, seed " + CV_SEED);
        out.println("item level    lexicon:        " + cv.lexicon().itemLevel());
        out.println("item level    lexicon+model:  " + cv.model().itemLevel());
        out.println("entity level  lexicon:        " + cv.lexicon().entityLevel());
        out.println("entity level  lexicon+model:  " + cv.model().entityLevel());
        return 0;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length != 1) {
            out.println("usage: RiskEvaluation <finnsp/train.json | reviews.jsonl>");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0]), out));
    }
}
