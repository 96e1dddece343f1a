package io.yuqing.app.cli;

import io.yuqing.indexer.model.RiskModelCli;
import io.yuqing.indexer.model.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Trains the risk model from labelled news (FinNSP layout or JSON Lines of review decisions). */
@Command(name = "train", description = "Train the risk model from labelled items: a FinNSP-style JSON array or JSON Lines "
        + "{\"id\",\"title\",\"text\",\"entities\":[..],\"negative\":bool,\"riskEntities\":[..]}.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "labelled items")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "where to write the model")
    Path out;

    @Option(names = "--categories", paramLabel = "FINESE.json",
            description = "also train the category classifier on a FinESE file ([id, text, event_type, subject] rows)")
    Path categories;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the data (default from the trainer)")
    Integer epochs;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(data)) {
            throw new YuqingCommand.BadInputException(data + ": no such file");
        }
        if (categories != null && !Files.isRegularFile(categories)) {
            throw new YuqingCommand.BadInputException(categories + ": no such file");
        }
        TrainOptions options = epochs == null ? TrainOptions.defaults() : TrainOptions.defaults().withEpochs(epochs);
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        PrintStream log = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = RiskModelCli.train(data, categories, out, options, log);
        log.flush();
        spec.commandLine().getOut().print(buffer.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return code == 0 ? 0 : 2;
    }
}
