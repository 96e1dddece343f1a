package io.yuqing.app.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.config.WatchlistCsv;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Environment;
import io.yuqing.crawler.SourceInputs;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "source", description = "Work with the configured sources.", subcommands = {SourceCommand.Test.class, SourceCommand.ListSources.class})
public final class SourceCommand {

    @Command(name = "list", description = "List the configured sources.")
    static final class ListSources implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE")
        Path config;
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            for (SourceConfig s : new ConfigLoader().load(config).sources()) {
                out.printf("%-24s %-10s every %-5s %s  %s%n", s.id(), s.kind().code(),
                        io.yuqing.core.config.Durations.format(s.every()), s.url(), s.name());
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
        @Parameters(paramLabel = "ID", description = "the source's id in the configuration")
        String id;
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
            SourceConfig source = cfg.sources().stream().filter(s -> s.id().equals(id)).findFirst()
                    .orElseThrow(() -> new YuqingCommand.BadInputException("no source '" + id + "' in " + config + "; sources: "
                            + cfg.sources().stream().map(SourceConfig::id).collect(Collectors.joining(", "))));
            List<Enterprise> watchlist = new ArrayList<>(cfg.watchlist().enterprises());
            if (!cfg.watchlist().csv().isEmpty()) {
                watchlist.addAll(WatchlistCsv.read(Path.of(cfg.watchlist().csv())));
            }
            WatchlistMatcher matcher = new WatchlistMatcher(watchlist);
            LexiconRiskScorer scorer = new LexiconRiskScorer(cfg.scoring().levels(), watchlist);
            CrawlerConfig crawlerConfig = new CrawlerConfig(cfg.crawler().userAgent(), cfg.crawler().connectTimeout(),
                    cfg.crawler().readTimeout(), cfg.crawler().maxBodyBytes(), cfg.crawler().maxRedirects(),
                    cfg.crawler().politenessDelay(), Math.max(1, limit));
            PrintWriter out = spec.commandLine().getOut();
            DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.of("Asia/Shanghai"));
            List<Document> documents = new ArrayList<>();
            try (Database scratch = new Database("jdbc:h2:mem:source-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")) {
                scratch.migrate("crawler");
                // Site-search sources search for the watchlist's names (or --query), as the service does.
                List<String> terms = queries.isEmpty() ? watchlist.stream().map(Enterprise::name).toList() : List.copyOf(queries);
                try (Crawler crawler = new Crawler(crawlerConfig, new CrawlStateStore(scratch.dataSource()), Clock.systemUTC(),
                        new SimpleMeterRegistry(), new SourceInputs(() -> terms, null, Environment.SYSTEM))) {
                    CycleReport report = crawler.crawl(source, documents::add);
                    out.printf("%s (%s) %s%n  links found: %d, articles read: %d, failures: %d, took %d ms%n", source.name(),
                            source.kind().code(), source.url(), report.linksFound(), report.newDocuments(), report.failures(),
                            report.took().toMillis());
                    report.problems().forEach(p -> out.println("  problem: " + p));
                }
            }
            for (Document d : documents) {
                List<Mention> mentions = matcher.match(d.title(), d.text());
                RiskAssessment risk = scorer.score(d.title(), d.text(), mentions);
                out.println();
                out.println("  " + d.title());
                out.println("    url:       " + d.url());
                out.println("    published: " + (d.publishedAt() == null ? "(not found)" : time.format(d.publishedAt()))
                        + "   author: " + (d.author().isEmpty() ? "(not found)" : d.author())
                        + "   outlet: " + (d.outlet().isEmpty() ? "(not found)" : d.outlet()));
                out.println("    text:      " + d.text().length() + " chars: " + preview(d.text()));
                out.println("    watchlist: " + (mentions.isEmpty() ? "(none)" : mentions.stream()
                        .map(m -> m.name() + "×" + m.count()).collect(Collectors.joining(", "))));
                out.println("    risk:      " + risk.score() + " " + risk.level().code() + " " + risk.categories().stream()
                        .map(c -> c.code()).collect(Collectors.joining(",")));
            }
            out.flush();
            return 0;
        }

        private static String preview(String text) {
            String oneLine = text.replaceAll("\\s+", " ").strip();
            return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "…";
        }
    }
}
