package io.yuqing.app.cli;

import io.yuqing.indexer.eval.FinEseEvaluation;
import io.yuqing.indexer.eval.RiskEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Item- and entity-level precision, recall and F1 of the scorer on labelled news, by 5-fold cross-validation. */
@Command(name = "risk", description = "Precision, recall and F1 of risk scoring on labelled news (FinNSP layout or JSON Lines): "
        + "lexicon alone and lexicon + learned model, 5-fold cross-validated. A FinESE file (or a directory holding "
        + "finnsp/ and finese/) also gets category figures.")
public final class EvalRiskCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR|FILE")
    Path input;

    @Option(names = "--categories", paramLabel = "FINESE.json", description = "also score categories on a FinESE file")
    Path finese;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path items = input;
        Path categories = finese;
        if (Files.isDirectory(input)) {
            items = input.resolve("finnsp").resolve("train.json");
            if (categories == null && Files.isRegularFile(input.resolve("finese").resolve("train.json"))) {
                categories = input.resolve("finese").resolve("train.json");
            }
        }
        if (!Files.isRegularFile(items)) {
            throw new YuqingCommand.BadInputException(items + ": no such file");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = RiskEvaluation.run(items, out);
        if (code == 0 && categories != null) {
            code = FinEseEvaluation.run(categories, out);
        }
        out.flush();
        spec.commandLine().getOut().print(buffer.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return code == 0 ? 0 : 2;
    }
}
