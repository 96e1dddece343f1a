package io.yuqing.crawler.kinds;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Environment;
import io.yuqing.crawler.SearchTerms;
import io.yuqing.crawler.SourceInputs;
import io.yuqing.crawler.state.SearchCursorStore;
import io.yuqing.crawler.support.Pages;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Site-search sources: one result page per watchlist name, names taken in turn across cycles, GBK sites included. */
class SiteSearchCrawlTest {
    private static final Charset GBK = Charset.forName("GBK");
    private static final List<String> NAMES = List.of("青州云帆科技有限公司", "青州鼎盛食品有限公司", "青州恒达建设集团有限公司");
    private CrawlFixture f;
    /** The search terms the site received, decoded with the charset the site expects. */
    private final List<String> searched = new CopyOnWriteArrayList<>();
    /** The raw query strings, to check the bytes were encoded in the site's charset. */
    private final List<String> rawQueries = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new CrawlFixture();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** A search page answering each term with a result list linking one article per term. */
    private void serveSearch(Charset siteCharset) {
        f.server.handle("/search", ex -> {
            String raw = ex.getRequestURI().getRawQuery();
            rawQueries.add(raw);
            String term = URLDecoder.decode(raw.substring(raw.indexOf("q=") + 2), siteCharset);
            searched.add(term);
            int n = NAMES.indexOf(term);
            String html = "<html><head><meta charset='" + siteCharset.name() + "'></head><body>"
                    + "<a href='/'>首页</a><ul class='results'><li><a href='/news/" + n + ".html'>" + term + "相关报道</a></li>"
                    + "<li><a href='/news/shared.html'>本周要闻汇总</a></li></ul></body></html>";
            TestServer.send(ex, 200, "text/html; charset=" + siteCharset.name(), html.getBytes(siteCharset));
        });
        for (int i = 0; i < NAMES.size(); i++) {
            f.serve("/news/" + i + ".html", Pages.article(NAMES.get(i) + "被曝拖欠工资", "<meta charset=\"utf-8\">",
                    Pages.PARAGRAPHS));
        }
        f.serve("/news/shared.html", Pages.article("本周要闻汇总", "<meta charset=\"utf-8\">", Pages.PARAGRAPHS));
    }

    private SourceConfig source(String charset, int perCycle) {
        return new SourceConfig("search", "站内搜索", SourceConfig.Kind.SITE_SEARCH, f.server.url("/search?q={query}"),
                Duration.ofMinutes(10), "ul.results a", "/news/", true, null, charset, perCycle, null, null, null);
    }

    private Crawler crawler(SearchTerms terms) {
        return f.crawler(new SourceInputs(terms, new SearchCursorStore(f.db.dataSource(), f.clock), Environment.of(Map.of())));
    }

    @Test
    void eachTermIsSearchedAndTheResultsAreReadLikeAListPage() {
        serveSearch(StandardCharsets.UTF_8);
        CycleReport report = crawler(() -> NAMES).crawl(source(null, 10), f.sunk::add);
        assertEquals(NAMES, searched);
        assertEquals(4, report.linksFound(), "three articles and one shared by every result page: " + report);
        assertEquals(4, report.newDocuments(), report.problems().toString());
        assertEquals(1, f.sunk.stream().filter(d -> d.title().startsWith(NAMES.get(1))).count());
        assertTrue(rawQueries.getFirst().contains("%E9%9D%92%E5%B7%9E"), "青州 in UTF-8: " + rawQueries.getFirst());
    }

    @Test
    void aGbkSiteGetsTheTermInGbk() {
        serveSearch(GBK);
        CycleReport report = crawler(() -> List.of(NAMES.getFirst())).crawl(source("GBK", 10), f.sunk::add);
        assertEquals(List.of(NAMES.getFirst()), searched, "decoded as GBK by the site");
        assertTrue(rawQueries.getFirst().startsWith("q=%C7%E0%D6%DD"), "青州 in GBK: " + rawQueries.getFirst());
        assertEquals(2, report.newDocuments(), report.problems().toString());
    }

    @Test
    void moreTermsThanSearchesPerCycleAreTakenInTurnAcrossCyclesAndRestarts() {
        serveSearch(StandardCharsets.UTF_8);
        SourceConfig twoPerCycle = source(null, 2);
        crawler(() -> NAMES).crawl(twoPerCycle, f.sunk::add);
        assertEquals(NAMES.subList(0, 2), searched);

        searched.clear();
        f.clock.advance(Duration.ofMinutes(10));
        // A fresh crawler on the same database, as after a restart or on another node: the turn carries on.
        crawler(() -> NAMES).crawl(twoPerCycle, f.sunk::add);
        assertEquals(List.of(NAMES.get(2), NAMES.get(0)), searched);

        searched.clear();
        f.clock.advance(Duration.ofMinutes(10));
        CycleReport third = crawler(() -> NAMES).crawl(twoPerCycle, f.sunk::add);
        assertEquals(List.of(NAMES.get(1), NAMES.get(2)), searched);
        assertEquals(0, third.newDocuments(), "every result was read already");
        assertEquals(4, f.sunk.size());
    }

    @Test
    void aNameAddedToTheWatchlistIsSearchedFromTheNextCycle() {
        serveSearch(StandardCharsets.UTF_8);
        AtomicReference<List<String>> watchlist = new AtomicReference<>(List.of(NAMES.getFirst()));
        Crawler crawler = crawler(watchlist::get);
        crawler.crawl(source(null, 10), f.sunk::add);
        watchlist.set(NAMES.subList(0, 2));
        searched.clear();
        crawler.crawl(source(null, 10), f.sunk::add);
        assertEquals(NAMES.subList(0, 2), searched);
        assertEquals(List.of(NAMES.get(1) + "被曝拖欠工资"), f.sunk.stream().map(Document::title)
                .filter(t -> t.startsWith(NAMES.get(1))).toList());
    }

    @Test
    void withoutSearchTermsTheSourceIsSkippedWithAClearProblem() {
        serveSearch(StandardCharsets.UTF_8);
        CycleReport report = f.crawler(SourceInputs.defaults()).crawl(source(null, 10), f.sunk::add);
        assertEquals(0, f.server.requestCount("/search"));
        assertEquals(0, report.failures(), "not the site's failure");
        assertTrue(report.problems().getFirst().contains("no search terms"), report.problems().toString());
        assertTrue(!f.state.sourceState("search").failing());
    }

    @Test
    void whenEverySearchFailsTheSourceFailsAndTheTurnIsNotLost() {
        f.server.handle("/search", ex -> {
            String raw = ex.getRequestURI().getRawQuery();
            searched.add(URLDecoder.decode(raw.substring(raw.indexOf("q=") + 2), StandardCharsets.UTF_8));
            TestServer.send(ex, 500, "text/plain", "down".getBytes(StandardCharsets.UTF_8));
        });
        CycleReport report = crawler(() -> NAMES).crawl(source(null, 2), f.sunk::add);
        assertEquals(1, report.failures());
        assertEquals(1, f.state.sourceState("search").consecutiveFailures());
        assertTrue(report.problems().getLast().startsWith("all 2 searches failed"), report.problems().toString());
        assertEquals(0, new SearchCursorStore(f.db.dataSource(), f.clock).next("search"),
                "the same names get their turn when the site is back");
    }

    @Test
    void aSearchPageThatFailsIsAProblemWhileTheOtherTermsStillCount() {
        f.server.handle("/search", ex -> {
            String raw = ex.getRequestURI().getRawQuery();
            String term = URLDecoder.decode(raw.substring(raw.indexOf("q=") + 2), StandardCharsets.UTF_8);
            if (term.equals(NAMES.get(1))) {
                TestServer.send(ex, 500, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
                return;
            }
            TestServer.send(ex, 200, "text/html; charset=utf-8", ("<ul class='results'><li><a href='/news/"
                    + NAMES.indexOf(term) + ".html'>r</a></li></ul>").getBytes(StandardCharsets.UTF_8));
        });
        for (int i = 0; i < NAMES.size(); i++) {
            f.serve("/news/" + i + ".html", Pages.article(NAMES.get(i) + "新闻", "", Pages.PARAGRAPHS));
        }
        CycleReport report = crawler(() -> NAMES).crawl(source(null, 10), f.sunk::add);
        assertEquals(2, report.newDocuments());
        assertTrue(report.problems().stream().anyMatch(p -> p.startsWith("search for '" + NAMES.get(1) + "': HTTP 500")),
                report.problems().toString());
        assertEquals(0, f.state.sourceState("search").consecutiveFailures());
    }
}
