package io.yuqing.indexer.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    public static Result evaluateFinnsp(Path trainJson, ScoringConfig.LevelThresholds levels) throws IOException {
        try (InputStream in = Files.newInputStream(trainJson)) {
            JsonNode rows = new ObjectMapper().readTree(in);
            long itp = 0, ifp = 0, ifn = 0, etp = 0, efp = 0, efn = 0;
            int items = 0;
            for (int i = 1; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                String title = row.get(1).asText("");
                String text = row.get(2).asText("");
                boolean goldNegative = "1".equals(row.get(4).asText().strip());
                Set<String> gold = goldNegative ? splitNames(row.get(5).asText("")) : Set.of();

                List<Enterprise> watchlist = new ArrayList<>();
                Map<String, String> nameById = new HashMap<>();
                int n = 0;
                for (String name : splitNames(row.get(3).asText(""))) {
                    String id = "e" + (n++);
                    watchlist.add(new Enterprise(id, name, List.of(), List.of(), "", "", ""));
                    nameById.put(id, name);
                }
                List<Mention> mentions = new WatchlistMatcher(watchlist).match(title, text);
                RiskAssessment risk = new LexiconRiskScorer(levels, watchlist).score(title, text, mentions);
                boolean predictedNegative = risk.level() != RiskLevel.NONE;
                Set<String> predicted = new LinkedHashSet<>();
                risk.riskEntities().forEach(id -> predicted.add(nameById.get(id)));

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
            return new Result(items, new Figures(itp, ifp, ifn), new Figures(etp, efp, efn));
        }
    }

    private static Set<String> splitNames(String joined) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(joined.split(";")).map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
        return names;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length != 1) {
            out.println("usage: RiskEvaluation <finnsp/train.json>");
            System.exit(2);
        }
        Result r = evaluateFinnsp(Path.of(args[0]), DEFAULT_LEVELS);
        out.println("FinNSP items: " + r.items());
        out.println("item level:   " + r.itemLevel());
        out.println("entity level: " + r.entityLevel());
    }
}
