package io.yuqing.app;

import io.yuqing.app.cli.YuqingCommand;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Entry point of the {@code yuqing} command. Exit codes: 0 success, 2 bad input or usage, 1 internal error. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs a command with the given streams; used by main and by tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return YuqingCommand.commandLine(out, err).execute(args);
    }
}
