package io.yuqing.indexer.eval;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.model.CategoryModel;
import io.yuqing.indexer.model.FinEseRows;
import io.yuqing.indexer.model.LabelledItem;
import io.yuqing.indexer.model.LabelledItems;
import io.yuqing.indexer.model.ModelRiskScorer;
import io.yuqing.indexer.model.RiskModel;
import io.yuqing.indexer.model.TrainOptions;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Single-thread scoring throughput on items of about 1 KB of text, lexicon alone and with the model. The items are
 * FinNSP texts repeated or cut to 1,000 chars, each with its own candidates as a watchlist; matching is done before
 * the clock starts, so only scoring is timed. With a FinESE file as second argument the model also carries the
 * category classifier. Figures only: {@code java io.yuqing.indexer.eval.ScoringBench FINNSP [FINESE]}.
 */
public final class ScoringBench {
    private static final int ITEM_CHARS = 1000;
    private static final int ROUNDS = 4;

    private record Case(String text, List<Enterprise> watchlist, List<Mention> mentions) {
    }

    private ScoringBench() {
    }

    public static void run(Path finnsp, Path finese, PrintStream out) throws IOException {
        List<LabelledItem> items = LabelledItems.read(finnsp).items();
        RiskModel model = RiskModel.train(items, TrainOptions.defaults());
        if (finese != null) {
            model = model.withCategories(FinEseRows.train(FinEseRows.read(finese), CategoryModel.Options.defaults()));
            out.println("model with the FinESE category classifier");
        }
        RiskLexicon lexicon = RiskLexicon.loadDefault();
        List<Case> cases = new ArrayList<>();
        for (LabelledItem item : items) {
            if (item.text().isBlank()) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            while (sb.length() < ITEM_CHARS) {
                sb.append(item.text()).append('\n');
            }
            String text = sb.substring(0, ITEM_CHARS);
            List<Enterprise> watchlist = new ArrayList<>();
            int n = 0;
            for (String name : item.entities()) {
                watchlist.add(new Enterprise("e" + (n++), name, List.of(), List.of(), "", "", ""));
            }
            cases.add(new Case(text, watchlist, new WatchlistMatcher(watchlist).match("", text)));
        }
        List<RiskScorer> lexiconScorers = new ArrayList<>();
        List<RiskScorer> modelScorers = new ArrayList<>();
        for (Case c : cases) {
            lexiconScorers.add(new LexiconRiskScorer(RiskEvaluation.DEFAULT_LEVELS, c.watchlist(), lexicon));
            modelScorers.add(new ModelRiskScorer(model, RiskEvaluation.DEFAULT_LEVELS, c.watchlist(), lexicon));
        }
        for (int round = 1; round <= ROUNDS; round++) {
            double[] alone = rate(cases, lexiconScorers);
            double[] withModel = rate(cases, modelScorers);
            out.println(String.format(Locale.ROOT, "round %d: %d items of %d chars, lexicon %.0f items/s (%.0f per CPU second), "
                            + "lexicon+model %.0f items/s (%.0f per CPU second)",
                    round, cases.size(), ITEM_CHARS, alone[0], alone[1], withModel[0], withModel[1]));
        }
    }

    /**
     * Items per wall-clock second and per second of this thread's CPU time: on a shared machine the second is the
     * one-core figure, the first what other processes left of it.
     */
    private static double[] rate(List<Case> cases, List<RiskScorer> scorers) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long sink = 0;
        for (int i = 0; i < cases.size(); i++) {
            sink += scorers.get(i).score("", cases.get(i).text(), cases.get(i).mentions()).score();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (sink < 0) {
            throw new IllegalStateException("unreachable: scores are never negative");
        }
        return new double[]{cases.size() / seconds, cases.size() / cpuSeconds};
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length != 1 && args.length != 2) {
            out.println("usage: ScoringBench <finnsp/train.json> [finese/train.json]");
            System.exit(2);
        }
        run(Path.of(args[0]), args.length == 2 ? Path.of(args[1]) : null, out);
    }
}
