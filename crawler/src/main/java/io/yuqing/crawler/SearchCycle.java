package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.crawler.fetch.FetchRequest;
import io.yuqing.crawler.fetch.FetchResult;
import io.yuqing.crawler.source.ListPageParser;
import io.yuqing.crawler.source.SearchUrls;
import io.yuqing.crawler.source.SourceLink;
import io.yuqing.crawler.source.SourceParse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A site-search cycle: one result page per search term, up to {@code maxQueriesPerCycle} terms, resuming where the
 * last cycle stopped; result links are read like an html-list source's. No terms: skipped, with a problem saying so.
 */
final class SearchCycle implements SourceCycle {
    // Logged under the crawler's name, as before the cycles had classes of their own.
    private static final Logger log = LoggerFactory.getLogger(Crawler.class);

    private final CycleSteps steps;
    private final ArticleLoop articles;
    private final SourceInputs inputs;
    private final ListPageParser listPageParser = new ListPageParser();

    SearchCycle(CycleSteps steps, ArticleLoop articles, SourceInputs inputs) {
        this.steps = steps;
        this.articles = articles;
        this.inputs = inputs;
    }

    @Override
    public CycleReport run(Run run) {
        SourceConfig source = run.source();
        List<String> problems = run.problems();
        List<String> terms = inputs.searchTerms().current().stream().filter(t -> t != null && !t.isBlank())
                .map(String::strip).distinct().toList();
        if (terms.isEmpty()) {
            String message = "site search skipped: no search terms (they are the watchlist's names; the watchlist is "
                    + "empty or was not given to the crawler)";
            log.warn("source {}: {}", source.id(), message);
            problems.add(message);
            return new CycleReport(source.id(), 0, 0, 0, problems, Duration.between(run.started(), steps.clock.instant()));
        }
        int start = Math.floorMod(inputs.cursors().next(source.id()), terms.size());
        int count = Math.min(terms.size(), source.maxQueriesPerCycle());
        Charset charset = Charset.forName(source.queryCharset());
        List<SourceLink> links = new ArrayList<>();
        int failed = 0;
        int searched = 0;
        for (int i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
            String term = terms.get((start + i) % terms.size());
            String url = SearchUrls.forTerm(source.url(), term, charset);
            searched++;
            FetchResult result = steps.fetch(source, FetchRequest.of(url, source.allowPrivateNetwork())
                    .withHeaders(run.headers()));
            switch (result) {
                case FetchResult.Fetched f -> {
                    switch (listPageParser.parse(f.body(), f.contentType(), f.finalUrl(), source.linkSelector(),
                            source.linkPattern())) {
                        case SourceParse.Links l -> links.addAll(l.links());
                        case SourceParse.Unreadable u -> {
                            failed++;
                            problems.add("search for '" + term + "': " + u.message());
                        }
                    }
                }
                case FetchResult.Failed f -> {
                    failed++;
                    problems.add("search for '" + term + "': " + f.message());
                }
                case FetchResult.NotModified n -> {
                }
            }
        }
        if (searched > 0 && failed == searched) {
            return steps.sourceFailed(run, "all " + searched + " searches failed (the last: " + problems.getLast() + ")");
        }
        inputs.cursors().save(source.id(), (start + searched) % terms.size());
        steps.state.recordSuccess(source.id(), steps.clock.instant(), "", "");
        log.debug("source {}: searched {} of {} terms from position {}", source.id(), searched, terms.size(), start);
        return articles.readNewArticles(run, links);
    }
}
