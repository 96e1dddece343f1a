package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.crawler.fetch.FetchRequest;
import io.yuqing.crawler.fetch.FetchResult;
import io.yuqing.crawler.source.FeedParser;
import io.yuqing.crawler.source.ListPageParser;
import io.yuqing.crawler.source.SitemapParser;
import io.yuqing.crawler.source.SourceLink;
import io.yuqing.crawler.source.SourceParse;
import io.yuqing.crawler.url.UrlCanonicalizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A cycle of a source whose page lists article links (rss, html-list, sitemap): fetch the page with conditional GET,
 * take its links (an html-list's further pages, a sitemap index's child sitemaps) and read the new articles.
 */
final class ArticleListCycle implements SourceCycle {
    /** Child sitemaps read from one sitemap index per cycle; news sites list the newest first. */
    static final int MAX_CHILD_SITEMAPS = 10;

    private final CycleSteps steps;
    private final ArticleLoop articles;
    private final FeedParser feedParser = new FeedParser();
    private final ListPageParser listPageParser = new ListPageParser();
    private final SitemapParser sitemapParser = new SitemapParser();

    ArticleListCycle(CycleSteps steps, ArticleLoop articles) {
        this.steps = steps;
        this.articles = articles;
    }

    @Override
    public CycleReport run(Run run) {
        SourceConfig source = run.source();
        FetchResult.Fetched fetched;
        switch (steps.sourcePage(run, run.headers())) {
            case CycleSteps.SourcePage.Done done -> {
                return done.report();
            }
            case CycleSteps.SourcePage.Read read -> fetched = read.page();
        }
        SourceParse parsed = switch (source.kind()) {
            case RSS -> feedParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl());
            case HTML_LIST -> listPageParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl(),
                    source.linkSelector(), source.linkPattern());
            case SITEMAP -> sitemapLinks(source, fetched, run.problems());
            case SITE_SEARCH, FORUM, JSON_API -> throw new IllegalStateException(
                    "a " + source.kind().code() + " source has its own cycle");
        };
        List<SourceLink> links;
        switch (parsed) {
            case SourceParse.Unreadable u -> {
                return steps.sourceFailed(run, "source page " + source.url() + ": " + u.message());
            }
            case SourceParse.Links l -> links = source.listPages() > 1
                    ? followListPages(source, fetched, l.links(), run.headers(), run.problems()) : l.links();
        }
        steps.state.recordSuccess(source.id(), steps.clock.instant(), fetched.etag(), fetched.lastModified());
        return articles.readNewArticles(run, links);
    }

    /**
     * The article links of a sitemap source: a sitemap's own links, or those of the first {@link #MAX_CHILD_SITEMAPS}
     * sitemaps of a sitemap index. A child that fails is a problem of the cycle, not a failure of the source.
     */
    private SourceParse sitemapLinks(SourceConfig source, FetchResult.Fetched fetched, List<String> problems) {
        return switch (sitemapParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl())) {
            case SitemapParser.Result.Unreadable u -> new SourceParse.Unreadable(u.message());
            case SitemapParser.Result.Links l -> new SourceParse.Links(newestFirst(l.links()));
            case SitemapParser.Result.Index index -> {
                List<SourceLink> all = new ArrayList<>();
                for (String child : index.sitemapUrls().stream().limit(MAX_CHILD_SITEMAPS).toList()) {
                    FetchResult result = steps.fetch(source, FetchRequest.of(child, source.allowPrivateNetwork()));
                    switch (result) {
                        case FetchResult.Fetched f -> {
                            switch (sitemapParser.parse(f.body(), f.contentType(), f.finalUrl())) {
                                case SitemapParser.Result.Links l -> all.addAll(l.links());
                                case SitemapParser.Result.Index nested -> problems.add(child + ": nested sitemap index not followed");
                                case SitemapParser.Result.Unreadable u -> problems.add(child + ": " + u.message());
                            }
                        }
                        case FetchResult.Failed f -> problems.add(child + ": " + f.message());
                        case FetchResult.NotModified n -> {
                        }
                    }
                }
                yield new SourceParse.Links(newestFirst(all));
            }
        };
    }

    /** Sitemaps list old and new pages alike: the newest come first so the per-cycle cap keeps the fresh ones. */
    private static List<SourceLink> newestFirst(List<SourceLink> links) {
        List<SourceLink> sorted = new ArrayList<>(links);
        sorted.sort(Comparator.comparing(SourceLink::publishedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return sorted;
    }

    /**
     * The links of an html-list source's further pages (its "next" links, same site, at most {@code paging.pages} in
     * all, never one page twice). A page that fails ends the walk as a problem of the cycle, not a failure of the source.
     */
    private List<SourceLink> followListPages(SourceConfig source, FetchResult.Fetched first, List<SourceLink> firstLinks,
                                             Map<String, String> headers, List<String> problems) {
        List<SourceLink> all = new ArrayList<>(firstLinks);
        Set<String> visited = new HashSet<>();
        visited.add(UrlCanonicalizer.canonicalize(first.finalUrl()).orElse(first.finalUrl()));
        FetchResult.Fetched page = first;
        String nextSelector = source.paging() == null ? "" : source.paging().next();
        for (int read = 1; read < source.listPages(); read++) {
            Optional<String> next = listPageParser.nextPage(page.body(), page.contentType(), page.finalUrl(), nextSelector);
            if (next.isEmpty() || !visited.add(UrlCanonicalizer.canonicalize(next.get()).orElse(next.get()))) {
                break;
            }
            FetchResult result = steps.fetch(source, new FetchRequest(next.get(), source.allowPrivateNetwork(), "", "", headers));
            if (!(result instanceof FetchResult.Fetched fetched)) {
                problems.add("list page " + next.get() + ": " + (result instanceof FetchResult.Failed f ? f.message() : "not modified"));
                break;
            }
            switch (listPageParser.parse(fetched.body(), fetched.contentType(), fetched.finalUrl(), source.linkSelector(),
                    source.linkPattern())) {
                case SourceParse.Links l -> all.addAll(l.links());
                case SourceParse.Unreadable u -> {
                    problems.add("list page " + next.get() + ": " + u.message());
                    return all;
                }
            }
            page = fetched;
        }
        return all;
    }
}
