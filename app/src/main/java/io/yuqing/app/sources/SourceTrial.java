package io.yuqing.app.sources;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.pipeline.EnterpriseMatcher;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.state.CrawlStateStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * "Test this source": one crawl cycle of a source as the service would run it — same fetcher limits, robots, SSRF
 * guard and extraction — reading at most a few articles and storing nothing: the crawl state is a throw-away in-memory
 * database and the documents are only matched and scored. Used by {@code yuqing source test} and the console.
 */
public final class SourceTrial {
    /** One article the cycle read, with what matching and scoring would make of it. */
    public record Item(Document document, List<Mention> mentions, RiskAssessment risk) {
    }

    public record Result(SourceConfig source, CycleReport report, List<Item> items) {
    }

    private final CrawlerConfig crawlerConfig;
    private final Clock clock;

    /** {@code limit}: articles to read at most (the cycle's cap on new items). */
    public SourceTrial(CrawlerConfig crawlerConfig, int limit, Clock clock) {
        this.crawlerConfig = new CrawlerConfig(crawlerConfig.userAgent(), crawlerConfig.connectTimeout(),
                crawlerConfig.readTimeout(), crawlerConfig.maxBodyBytes(), crawlerConfig.maxRedirects(),
                crawlerConfig.politenessDelay(), Math.max(1, limit));
        this.clock = clock;
    }

    /** {@code searchTerms}: what a site-search source searches for (the service uses the watchlist's names). */
    public Result run(SourceConfig source, EnterpriseMatcher matcher, RiskScorer scorer, List<String> searchTerms) {
        List<String> terms = List.copyOf(searchTerms);
        List<Document> documents = new ArrayList<>();
        CycleReport report;
        try (Database scratch = new Database("jdbc:h2:mem:source-trial-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "")) {
            scratch.migrate("crawler");
            try (Crawler crawler = new Crawler(crawlerConfig, new CrawlStateStore(scratch.dataSource()), clock,
                    new SimpleMeterRegistry(), new io.yuqing.crawler.SourceInputs(() -> terms, null, null))) {
                report = crawler.crawl(source, documents::add);
            }
        }
        List<Item> items = new ArrayList<>();
        for (Document d : documents) {
            List<Mention> mentions = matcher.match(d.title(), d.text());
            items.add(new Item(d, mentions, scorer.score(d.title(), d.text(), mentions)));
        }
        return new Result(source, report, List.copyOf(items));
    }
}
