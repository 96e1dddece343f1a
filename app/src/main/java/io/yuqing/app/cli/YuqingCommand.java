package io.yuqing.app.cli;

import io.yuqing.core.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

@Command(name = "yuqing", mixinStandardHelpOptions = true, version = "yuqing 0.1.0",
        description = "涉企舆情风险监测 — watches news about a city's private enterprises and warns before trouble escalates.",
        subcommands = {DemoCommand.class, ServeCommand.class, ExtractCommand.class, ScoreCommand.class, WatchlistCommand.class,
                DigestCommand.class, EvalCommand.class, TrainCommand.class, SourceCommand.class, RulesCommand.class,
                UserCommand.class,
                CommandLine.HelpCommand.class})
public final class YuqingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'yuqing demo'");
    }

    /** A command line whose errors follow the exit-code contract: 2 with a message for bad input, 1 for bugs. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new YuqingCommand());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof BadInputException) {
                commandLine.getErr().println("yuqing: " + e.getMessage());
                return 2;
            }
            commandLine.getErr().println("yuqing: internal error: " + e);
            e.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cl;
    }

    /** Bad input from the user (a file that is not there, malformed JSON): exit 2 with the message. */
    public static final class BadInputException extends Exception {
        public BadInputException(String message) {
            super(message);
        }
    }
}
