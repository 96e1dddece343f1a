package io.yuqing.app.cli;

import io.yuqing.app.watchlist.WatchlistRepository;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Enterprise;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "watchlist", description = "Manage the watchlist of enterprises kept in the service database.",
        subcommands = {WatchlistCommand.Import.class, WatchlistCommand.Export.class})
public final class WatchlistCommand {

    /** Where the database is: the config file's, or the H2 database under a data directory. */
    static final class Target {
        @Option(names = "--config", paramLabel = "FILE", description = "configuration naming the database")
        Path config;
        @Option(names = "--data", paramLabel = "DIR", description = "data directory of the embedded database (default ./data)")
        Path data;

        static YuqingConfig resolve(Target t) throws Exception {
            if (t != null && t.config != null) {
                return new ConfigLoader().load(t.config);
            }
            YuqingConfig defaults = new ConfigLoader().defaults();
            return t != null && t.data != null ? defaults.withDataDir(t.data) : defaults;
        }
    }

    @Command(name = "import", description = "Import enterprises from a CSV file (header: name,shortNames,aliases,creditCode,district,industry).")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.csv")
        Path file;
        @ArgGroup(exclusive = true)
        Target target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Enterprise> enterprises = WatchlistCsv.read(file);
            YuqingConfig cfg = Target.resolve(target);
            Files.createDirectories(cfg.dataDir());
            try (Database db = new Database(cfg.jdbcUrl(), cfg.database().username(), cfg.database().password())) {
                db.migrate("app");
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
        Target target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            YuqingConfig cfg = Target.resolve(target);
            try (Database db = new Database(cfg.jdbcUrl(), cfg.database().username(), cfg.database().password())) {
                db.migrate("app");
                var out = spec.commandLine().getOut();
                out.print(WatchlistCsv.write(new WatchlistRepository(db.dataSource(), Clock.systemUTC()).all()));
                out.flush();
            }
            return 0;
        }
    }
}
