package io.yuqing.app.cli;

import io.yuqing.alerting.escalation.EscalationEvaluation;
import io.yuqing.alerting.escalation.EscalationConfig;
import io.yuqing.alerting.escalation.EscalationFrontier;
import io.yuqing.alerting.escalation.SimulatedStreams;
import io.yuqing.crawler.eval.ExtractionEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Measurements of the product's judgements on labelled or simulated data. */
@Command(name = "eval", description = "Measure extraction, risk scoring or escalation detection.",
        subcommands = {EvalCommand.Extraction.class, EvalCommand.Escalation.class, EvalRiskCommand.class})
public final class EvalCommand {

    @Command(name = "extraction", description = "Precision, recall and F1 of the article text (word and char measures), "
            + "author and date accuracy, over a directory with html/ and ground-truth.json.")
    static final class Extraction implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Option(names = "--predictions", paramLabel = "FILE.json", description = "score these published predictions instead of our extractor")
        Path predictions;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(dir.resolve("ground-truth.json"))) {
                throw new YuqingCommand.BadInputException(dir + ": no ground-truth.json (expected html/ and ground-truth.json)");
            }
            ExtractionEvaluation.Report report;
            try {
                report = predictions == null ? ExtractionEvaluation.evaluate(dir) : ExtractionEvaluation.evaluatePredictions(dir, predictions);
            } catch (IllegalArgumentException e) {
                throw new YuqingCommand.BadInputException(e.getMessage());
            }
            spec.commandLine().getOut().println(report.format());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "escalation", description = "Replay a simulated month of news for many enterprises with injected bursts; "
            + "print recall, delay and false alarms of our detector, of the mean + 3σ baseline, and of mean + 10σ (the baseline at about our false-alarm rate).")
    static final class Escalation implements Callable<Integer> {
        @Option(names = "--enterprises", defaultValue = "500", description = "simulated enterprises (default ${DEFAULT-VALUE})")
        int enterprises;

        @Option(names = "--days", defaultValue = "30", description = "simulated days after a 28-day warm-up (default ${DEFAULT-VALUE})")
        int days;

        @Option(names = "--seed", defaultValue = "20261102", description = "random seed (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--explain", description = "also print where each method misses or is late (by kind, size, base rate, "
                + "hour), its false alarms, and a like-for-like view leaving out bursts a method would have fired on anyway "
                + "(twice the replays)")
        boolean explain;

        @Option(names = "--frontier", description = "also print the best any allocation of firing thresholds to enterprises "
                + "by base rate reaches within 0.05 false alarms per enterprise-week (nine more replays): an upper bound "
                + "for tuning the detector's threshold on these streams")
        boolean frontier;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (enterprises < 1 || days < 1) {
                throw new YuqingCommand.BadInputException("--enterprises and --days must be at least 1");
            }
            SimulatedStreams streams = SimulatedStreams.generate(enterprises, 28, days, seed);
            var out = spec.commandLine().getOut();
            EscalationEvaluation.report(streams, enterprises, days, seed).forEach(out::println);
            if (explain) {
                EscalationEvaluation.explain(streams, EscalationEvaluation.methods()).forEach(out::println);
            }
            if (frontier) {
                EscalationFrontier.report(streams, EscalationConfig.defaults(), 0.05, 0.95, "mean_3sigma",
                        EscalationEvaluation.score(streams, EscalationConfig.meanPlus3SigmaBaseline())).forEach(out::println);
            }
            out.flush();
            return 0;
        }
    }
}
