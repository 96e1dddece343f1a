package io.yuqing.app.cli;

import io.yuqing.app.watchlist.WatchlistRepository;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Enterprise;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "watchlist", description = "Manage the watchlist of enterprises kept in the service database.",
        subcommands = {WatchlistCommand.Import.class, WatchlistCommand.Export.class})
public final class WatchlistCommand {

    @Command(name = "import", description = "Import enterprises from a CSV file (header: name,shortNames,aliases,creditCode,district,industry).")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.csv")
        Path file;
        @ArgGroup(exclusive = true)
        DatabaseTarget target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Enterprise> enterprises = WatchlistCsv.read(file);
            try (Database db = DatabaseTarget.open(target)) {
                int added = new WatchlistRepository(db.dataSource(), Clock.systemUTC()).upsertAll(enterprises);
                spec.commandLine().getOut().printf("imported %d enterprises from %s (%d new, %d updated)%n",
                        enterprises.size(), file, added, enterprises.size() - added);
            }
            return 0;
        }
    }

    @Command(name = "export", description = "Print the imported watchlist as CSV.")
    static final class Export implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        DatabaseTarget target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database db = DatabaseTarget.open(target)) {
                var out = spec.commandLine().getOut();
                out.print(WatchlistCsv.write(new WatchlistRepository(db.dataSource(), Clock.systemUTC()).all()));
                out.flush();
            }
            return 0;
        }
    }
}
