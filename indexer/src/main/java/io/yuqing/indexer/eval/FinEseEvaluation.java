package io.yuqing.indexer.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Measures the lexicon scorer's categories on FinESE rows {@code [id, text, event_type, subject]} (no header), with
 * event types mapped by {@link FinEseMapping}. The prediction for an item is its strongest category (the one staff see
 * first), or none when the lexicon finds nothing; gold is the mapped event type. Per category precision, recall and
 * F1 over all rows, and their macro average over the categories the mapping uses.
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

    public static Result evaluate(Path trainJson, ScoringConfig.LevelThresholds levels) throws IOException {
        Set<RiskCategory> mapped = EnumSet.noneOf(RiskCategory.class);
        FinEseMapping.table().values().stream().filter(c -> c != null).forEach(mapped::add);
        Map<RiskCategory, long[]> counts = new EnumMap<>(RiskCategory.class);
        mapped.forEach(c -> counts.put(c, new long[3]));
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        int items = 0;
        try (InputStream in = Files.newInputStream(trainJson)) {
            JsonNode rows = new ObjectMapper().readTree(in);
            for (JsonNode row : rows) {
                if (!row.isArray() || row.size() < 4) {
                    continue;
                }
                String text = row.get(1).asText("");
                Optional<RiskCategory> gold = FinEseMapping.categoryOf(row.get(2).asText(""));
                String subject = row.get(3).asText("").strip();
                List<Enterprise> watchlist = subject.isEmpty() ? List.of()
                        : List.of(new Enterprise("s", subject, List.of(), List.of(), "", "", ""));
                List<Mention> mentions = new WatchlistMatcher(watchlist).match("", text);
                RiskAssessment risk = new LexiconRiskScorer(levels, watchlist, lexicon).score("", text, mentions);
                Optional<RiskCategory> predicted = categoryAbout(subject, risk);
                items++;
                for (RiskCategory c : mapped) {
                    boolean g = gold.filter(c::equals).isPresent();
                    boolean p = predicted.filter(c::equals).isPresent();
                    long[] k = counts.get(c);
                    if (g && p) {
                        k[0]++;
                    } else if (p) {
                        k[1]++;
                    } else if (g) {
                        k[2]++;
                    }
                }
            }
        }
        Map<RiskCategory, RiskEvaluation.Figures> figures = new EnumMap<>(RiskCategory.class);
        counts.forEach((c, k) -> figures.put(c, new RiskEvaluation.Figures(k[0], k[1], k[2])));
        return new Result(items, figures);
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

    /** Prints per-category figures and the macro-F1. Returns the process exit code. */
    public static int run(Path file, PrintStream out) throws IOException {
        Result r = evaluate(file, RiskEvaluation.DEFAULT_LEVELS);
        out.println("FinESE items: " + r.items());
        r.perCategory().forEach((c, f) -> out.println(String.format(Locale.ROOT, "%-22s %s", c.code(), f)));
        out.println(String.format(Locale.ROOT, "macro-F1 over %d mapped categories: %.3f", r.perCategory().size(), r.macroF1()));
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
