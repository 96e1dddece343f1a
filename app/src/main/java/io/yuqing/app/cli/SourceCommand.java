package io.yuqing.app.cli;

import io.yuqing.app.sources.RegisteredSource;
import io.yuqing.app.sources.SourceChange;
import io.yuqing.app.sources.SourceRegistry;
import io.yuqing.app.sources.SourceTrial;
import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.Durations;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Enterprise;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Sources from the command line: list them (configured and added), try one, add one at run time, pause, resume or
 * remove one. Changes go to the service database, which every running node re-reads within half a minute.
 */
@Command(name = "source", description = "List, test, add, pause, resume and remove sources.",
        subcommands = {SourceCommand.ListSources.class, SourceCommand.Test.class, SourceCommand.Add.class,
                SourceCommand.Pause.class, SourceCommand.Resume.class, SourceCommand.Remove.class})
public final class SourceCommand {

    @Command(name = "list", description = "List the sources: those of the configuration and those added at run time, with their state.")
    static final class ListSources implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        DatabaseTarget target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            YuqingConfig cfg = DatabaseTarget.resolve(target);
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = DatabaseTarget.open(target)) {
                for (RegisteredSource r : registry(db, cfg).all()) {
                    SourceConfig s = r.source();
                    out.printf("%-24s %-11s %-7s %-7s every %-5s %s  %s%n", s.id(), s.kind().code(),
                            r.paused() ? "paused" : "active", r.origin() == RegisteredSource.Origin.CONFIG ? "config" : "added",
                            Durations.format(s.every()), s.url(), s.name());
                }
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Fetches a source once, as a crawl cycle would, and prints what would be extracted and how it would score — without
     * touching the service's database or index (the crawl state lives in a throw-away in-memory database).
     */
    @Command(name = "test", description = "Fetch a source once and print what would be extracted and scored; stores nothing.")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "the source's id (configured or added)")
        String id;
        @Option(names = "--file", paramLabel = "SOURCE.yml", description = "try a source definition from a file instead (before adding it)")
        Path file;
        @Option(names = "--config", required = true, paramLabel = "FILE")
        Path config;
        @Option(names = "--limit", defaultValue = "5", paramLabel = "N", description = "articles to fetch (default ${DEFAULT-VALUE})")
        int limit;
        @Option(names = "--query", paramLabel = "TERM", description = "site-search: search for TERM instead of the "
                + "watchlist's names (repeatable)")
        List<String> queries = new ArrayList<>();
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            YuqingConfig cfg = new ConfigLoader().load(config);
            SourceConfig source;
            if (file != null) {
                source = new ConfigLoader().source(readDefinition(file), file.toString());
            } else if (id != null) {
                source = find(cfg, id);
            } else {
                throw new YuqingCommand.BadInputException("name a source ID or give --file SOURCE.yml");
            }
            List<Enterprise> watchlist = new ArrayList<>(cfg.watchlist().enterprises());
            if (!cfg.watchlist().csv().isEmpty()) {
                watchlist.addAll(WatchlistCsv.read(Path.of(cfg.watchlist().csv())));
            }
            // Site-search sources search for the watchlist's names (or --query), as the service does.
            List<String> terms = queries.isEmpty() ? watchlist.stream().map(Enterprise::name).toList() : List.copyOf(queries);
            SourceTrial.Result result = new SourceTrial(cfg.crawler(), limit, Clock.systemUTC())
                    .run(source, new WatchlistMatcher(watchlist), new LexiconRiskScorer(cfg.scoring().levels(), watchlist), terms);
            print(result, spec.commandLine().getOut());
            return 0;
        }

        /** A configured source, or one added at run time when the service database already exists (never created here). */
        private SourceConfig find(YuqingConfig cfg, String sourceId) throws Exception {
            Optional<SourceConfig> configured = cfg.sources().stream().filter(s -> s.id().equals(sourceId)).findFirst();
            if (configured.isPresent()) {
                return configured.get();
            }
            List<String> known = new ArrayList<>(cfg.sources().stream().map(SourceConfig::id).toList());
            boolean embeddedMissing = cfg.database().url().isBlank() && Files.notExists(cfg.dataDir().resolve("db"));
            if (!embeddedMissing) {
                try (Database db = DatabaseTarget.open(targetFor(config))) {
                    Optional<RegisteredSource> added = registry(db, cfg).find(sourceId);
                    if (added.isPresent()) {
                        return added.get().source();
                    }
                    registry(db, cfg).all().stream().filter(r -> r.origin() == RegisteredSource.Origin.ADDED)
                            .forEach(r -> known.add(r.id()));
                }
            }
            throw new YuqingCommand.BadInputException("no source '" + sourceId + "' in " + config + " or among added sources; sources: "
                    + String.join(", ", known));
        }

        static void print(SourceTrial.Result result, PrintWriter out) {
            DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.of("Asia/Shanghai"));
            var source = result.source();
            var report = result.report();
            out.printf("%s (%s) %s%n  links found: %d, articles read: %d, failures: %d, took %d ms%n", source.name(),
                    source.kind().code(), source.url(), report.linksFound(), report.newDocuments(), report.failures(),
                    report.took().toMillis());
            report.problems().forEach(p -> out.println("  problem: " + p));
            for (SourceTrial.Item item : result.items()) {
                var d = item.document();
                out.println();
                out.println("  " + d.title());
                out.println("    url:       " + d.url());
                out.println("    published: " + (d.publishedAt() == null ? "(not found)" : time.format(d.publishedAt()))
                        + "   author: " + (d.author().isEmpty() ? "(not found)" : d.author())
                        + "   outlet: " + (d.outlet().isEmpty() ? "(not found)" : d.outlet()));
                out.println("    text:      " + d.text().length() + " chars: " + preview(d.text()));
                out.println("    watchlist: " + (item.mentions().isEmpty() ? "(none)" : item.mentions().stream()
                        .map(m -> m.name() + "×" + m.count()).collect(Collectors.joining(", "))));
                out.println("    risk:      " + item.risk().score() + " " + item.risk().level().code() + " "
                        + item.risk().categories().stream().map(c -> c.code()).collect(Collectors.joining(",")));
            }
            out.flush();
        }

        private static String preview(String text) {
            String oneLine = text.replaceAll("\\s+", " ").strip();
            return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
        }
    }

    @Command(name = "add", description = "Add a source at run time from a definition in the config file's shape (YAML).")
    static final class Add implements Callable<Integer> {
        @Option(names = "--file", required = true, paramLabel = "SOURCE.yml", description = "one source: id, name, kind, url, every, ...")
        Path file;
        @ArgGroup(exclusive = true)
        DatabaseTarget target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String definition = readDefinition(file);
            return change(target, spec, registry -> registry.add(definition, UserCommand.operator()));
        }
    }

    /** A change to one source named by its id: pause, resume or remove. */
    private abstract static class SourceIdChange implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;
        @ArgGroup(exclusive = true)
        DatabaseTarget target;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        abstract SourceChange apply(SourceRegistry registry, String id) throws SQLException;

        @Override
        public Integer call() throws Exception {
            return change(target, spec, registry -> apply(registry, id));
        }
    }

    @Command(name = "pause", description = "Pause a source: no more crawl cycles until it is resumed.")
    static final class Pause extends SourceIdChange {
        @Override
        SourceChange apply(SourceRegistry registry, String sourceId) throws SQLException {
            return registry.pause(sourceId, UserCommand.operator());
        }
    }

    @Command(name = "resume", description = "Resume a paused source.")
    static final class Resume extends SourceIdChange {
        @Override
        SourceChange apply(SourceRegistry registry, String sourceId) throws SQLException {
            return registry.resume(sourceId, UserCommand.operator());
        }
    }

    @Command(name = "remove", description = "Remove a source added at run time (its documents stay).")
    static final class Remove extends SourceIdChange {
        @Override
        SourceChange apply(SourceRegistry registry, String sourceId) throws SQLException {
            return registry.remove(sourceId, UserCommand.operator());
        }
    }

    private interface RegistryChange {
        SourceChange apply(SourceRegistry registry) throws SQLException;
    }

    /** Applies a change; a refusal is a usage error (exit 2) with its reason, never a stack trace. */
    private static int change(DatabaseTarget target, picocli.CommandLine.Model.CommandSpec spec, RegistryChange change)
            throws Exception {
        YuqingConfig cfg = DatabaseTarget.resolve(target);
        try (Database db = DatabaseTarget.open(target)) {
            switch (change.apply(registry(db, cfg))) {
                case SourceChange.Done done -> {
                    spec.commandLine().getOut().println(done.message());
                    spec.commandLine().getOut().flush();
                    return 0;
                }
                case SourceChange.Refused refused -> throw new YuqingCommand.BadInputException(refused.message());
            }
        }
    }

    private static SourceRegistry registry(Database db, YuqingConfig cfg) {
        return new SourceRegistry(db.dataSource(), cfg.sources(), Clock.systemUTC());
    }

    private static DatabaseTarget targetFor(Path config) {
        DatabaseTarget t = new DatabaseTarget();
        t.config = config;
        return t;
    }

    private static String readDefinition(Path file) throws YuqingCommand.BadInputException, java.io.IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new YuqingCommand.BadInputException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new YuqingCommand.BadInputException(file + ": not valid UTF-8 (save the file as UTF-8)");
        }
    }
}
