package io.yuqing.crawler;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentIds;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.Pages;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrawlerTest {
    private static final Charset GBK = Charset.forName("GBK");
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2024-11-24T07:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Document> sunk = new ArrayList<>();
    private TestServer server;
    private Database db;
    private CrawlStateStore state;
    private Crawler crawler;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        server.status("/robots.txt", 404);
        db = new Database("jdbc:h2:mem:crawler" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        db.migrate(CrawlStateStore.MIGRATIONS);
        state = new CrawlStateStore(db.dataSource());
        crawler = new Crawler(Configs.crawler(Duration.ofMillis(500), 1024 * 1024), state, clock, meters);
    }

    @AfterEach
    void tearDown() {
        crawler.close();
        server.close();
        db.close();
    }

    private String rss(String... links) {
        StringBuilder items = new StringBuilder();
        for (String link : links) {
            items.append("<item><title>条目</title><link>").append(link)
                    .append("</link><pubDate>Sat, 23 Nov 2024 01:00:00 GMT</pubDate></item>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title><link>"
                + server.url("/") + "</link>" + items + "</channel></rss>";
    }

    private void serveFeed(String... links) {
        server.page("/rss.xml", "application/rss+xml", rss(links).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listPagingFollowsNextLinksOnTheSameSiteToItsDepthAndNeverAPageTwice() {
        for (int i = 1; i <= 6; i++) {
            server.page("/a/" + i + ".html", "text/html; charset=utf-8", Pages.standardArticle("").getBytes(StandardCharsets.UTF_8));
        }
        String article = "<li><a class=\"item\" href=\"/a/%d.html\">文章%d</a></li>";
        // Page 1 says 下一页, page 2 has rel=next, page 3 leads back to page 1 (a loop), and also off-site.
        server.page("/list-1.html", "text/html; charset=utf-8", ("<ul>" + article.formatted(1, 1) + article.formatted(2, 2)
                + "</ul><div class=\"pager\"><a href=\"/list-2.html\">下一页</a></div>").getBytes(StandardCharsets.UTF_8));
        server.page("/list-2.html", "text/html; charset=utf-8", ("<link rel=\"next\" href=\"/list-3.html\"><ul>"
                + article.formatted(3, 3) + article.formatted(4, 4) + "</ul>").getBytes(StandardCharsets.UTF_8));
        server.page("/list-3.html", "text/html; charset=utf-8", ("<ul>" + article.formatted(5, 5) + article.formatted(6, 6)
                + "</ul><a href=\"/list-1.html\">下一页</a>").getBytes(StandardCharsets.UTF_8));
        SourceConfig deep = new SourceConfig("paged", "分页列表", SourceConfig.Kind.HTML_LIST, server.url("/list-1.html"),
                Duration.ofMinutes(10), "a.item", "", true, null, null, null, null, null, null,
                new io.yuqing.core.config.ListPaging(5, ""));
        CycleReport report = crawler.crawl(deep, sunk::add);
        assertEquals(6, report.newDocuments(), report.toString());
        assertEquals(1, server.requestCount("/list-1.html"), "the loop back to page 1 is not followed");
        assertEquals(1, server.requestCount("/list-3.html"));

        SourceConfig shallow = new SourceConfig("shallow", "两页", SourceConfig.Kind.HTML_LIST, server.url("/list-1.html"),
                Duration.ofMinutes(10), "a.item", "", true, null, null, null, null, null, null,
                new io.yuqing.core.config.ListPaging(2, "div.pager a"));
        assertEquals(4, crawler.crawl(shallow, doc -> { }).linksFound(), "two pages, two links each");

        IllegalArgumentException onFeed = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SourceConfig("f", "f", SourceConfig.Kind.RSS, server.url("/rss.xml"), null, "", "", true, null, null,
                        null, null, null, null, new io.yuqing.core.config.ListPaging(3, "")));
        assertTrue(onFeed.getMessage().contains("paging applies to html-list"), onFeed.getMessage());
        IllegalArgumentException tooDeep = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SourceConfig("l", "l", SourceConfig.Kind.HTML_LIST, server.url("/list-1.html"), null, "", "", true,
                        null, null, null, null, null, null, new io.yuqing.core.config.ListPaging(50, "")));
        assertTrue(tooDeep.getMessage().contains("between 1 and 20"), tooDeep.getMessage());
    }

    @Test
    void aSinkThatIsDownEndsTheCycleAndLeavesEverythingUnseen() {
        server.page("/a/1.html", "text/html; charset=utf-8", Pages.standardArticle("").getBytes(StandardCharsets.UTF_8));
        server.page("/a/2.html", "text/html; charset=utf-8", Pages.standardArticle("").getBytes(StandardCharsets.UTF_8));
        server.page("/a/3.html", "text/html; charset=utf-8", Pages.standardArticle("").getBytes(StandardCharsets.UTF_8));
        serveFeed(server.url("/a/1.html"), server.url("/a/2.html"), server.url("/a/3.html"));
        var source = Configs.rss("down", server.url("/rss.xml"));
        CycleReport report = crawler.crawl(source, doc -> {
            throw new io.yuqing.core.pipeline.SinkUnavailableException("the service database is unavailable", null);
        });
        assertEquals(0, report.newDocuments());
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("the cycle stops here")), report.problems().toString());
        assertEquals(1, server.requestCount("/a/1.html") + server.requestCount("/a/2.html") + server.requestCount("/a/3.html"),
                "no article fetched after the pipeline said it is down");
        assertEquals(3, crawler.crawl(source, sunk::add).newDocuments(), "all three come in once the pipeline is back");
    }

    @Test
    void sitemapIndexSourceFollowsItsChildrenNewestFirst() {
        server.page("/a/new.html", "text/html; charset=utf-8", Pages.standardArticle("").getBytes(StandardCharsets.UTF_8));
        server.page("/a/old.html", "text/html; charset=utf-8", Pages.standardArticle("").getBytes(StandardCharsets.UTF_8));
        server.page("/sitemap.xml", "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>" + server.url("/news-sitemap.xml") + "</loc></sitemap>"
                + "<sitemap><loc>" + server.url("/missing-sitemap.xml") + "</loc></sitemap></sitemapindex>").getBytes(StandardCharsets.UTF_8));
        server.page("/news-sitemap.xml", "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                + "<url><loc>" + server.url("/a/old.html") + "</loc><news:news><news:publication><news:name>青州日报</news:name>"
                + "<news:language>zh</news:language></news:publication><news:publication_date>2024-11-20T08:00:00+08:00</news:publication_date>"
                + "<news:title>旧闻</news:title></news:news></url>"
                + "<url><loc>" + server.url("/a/new.html") + "</loc><news:news><news:publication><news:name>青州日报</news:name>"
                + "<news:language>zh</news:language></news:publication><news:publication_date>2024-11-24T08:00:00+08:00</news:publication_date>"
                + "<news:title>新闻</news:title></news:news></url></urlset>").getBytes(StandardCharsets.UTF_8));
        server.status("/missing-sitemap.xml", 404);
        SourceConfig sitemap = new SourceConfig("sm", "站点地图", SourceConfig.Kind.SITEMAP, server.url("/sitemap.xml"),
                Duration.ofMinutes(10), null, null, true);
        CycleReport report = crawler.crawl(sitemap, sunk::add);
        assertEquals(2, report.newDocuments(), report.toString());
        assertEquals(server.url("/a/new.html"), sunk.getFirst().url(), "newest first");
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("missing-sitemap.xml")), report.problems().toString());
        assertEquals(0, crawler.crawl(sitemap, sunk::add).newDocuments(), "seen once");
    }

    @Test
    void rssSourceYieldsEachArticleOnceAndFailuresDoNotStopTheCycle() {
        server.page("/a/gbk-meta.html", "text/html", Pages.standardArticle("<meta charset=\"gbk\">").getBytes(GBK));
        server.page("/a/gbk-bare.html", "text/html", Pages.article("某化工厂夜间偷排废水被罚", "",
                "环保部门接到群众举报后，连夜对该化工厂进行突击检查，发现其通过暗管向河道排放未经处理的废水。",
                "执法人员现场提取水样，经检测化学需氧量超标六倍，依法对该厂处以罚款并责令停产整改。").getBytes(GBK));
        server.hang("/a/slow.html");
        server.status("/a/missing.html", 404);
        serveFeed(server.url("/a/gbk-meta.html"), server.url("/a/missing.html"), server.url("/a/slow.html"),
                server.url("/a/gbk-bare.html"), server.url("/a/gbk-meta.html") + "?utm_source=x&utm_medium=rss");
        SourceConfig source = Configs.rss("city-rss", server.url("/rss.xml"));

        CycleReport first = crawler.crawl(source, sunk::add);
        assertEquals(4, first.linksFound(), "the tracking twin is the same article");
        assertEquals(2, first.newDocuments());
        assertEquals(2, first.failures(), first.problems().toString());
        assertEquals(2, sunk.size());

        Document meta = sunk.get(0);
        assertEquals(server.url("/a/gbk-meta.html"), meta.url());
        assertEquals(DocumentIds.forUrl(meta.url()), meta.id());
        assertEquals("city-rss", meta.sourceId());
        assertEquals(Pages.HEADLINE, meta.title());
        assertTrue(meta.text().contains("劳动保障监察支队"), meta.text());
        assertEquals("王晓明", meta.author());
        assertEquals("青州日报", meta.outlet());
        assertEquals(Instant.parse("2024-11-24T06:52:00Z"), meta.publishedAt());
        assertEquals(clock.instant(), meta.fetchedAt());
        Document bare = sunk.get(1);
        assertEquals("某化工厂夜间偷排废水被罚", bare.title());
        assertTrue(bare.text().contains("化学需氧量超标六倍"), bare.text());

        clock.advance(Duration.ofMinutes(10));
        CycleReport second = crawler.crawl(source, sunk::add);
        assertEquals(0, second.newDocuments());
        assertEquals(2, sunk.size());
        assertEquals(1, second.failures(), "only the timeout is retried; the 404 is remembered");
        assertEquals(1, server.requestCount("/a/missing.html"));
        assertEquals(2, server.requestCount("/a/slow.html"));
        assertEquals(1, server.requestCount("/a/gbk-meta.html"));

        assertEquals(2.0, meters.get("yuqing.documents.fetched").tag("source", "city-rss").counter().count());
        assertEquals(1.0, meters.get("yuqing.documents.failed").tag("reason", "not_found").counter().count());
        assertEquals(2.0, meters.get("yuqing.documents.failed").tag("reason", "timeout").counter().count());
        assertEquals(2.0, meters.get("yuqing.crawler.cycles").tag("source", "city-rss").counter().count());
        assertEquals(4.0, meters.get("yuqing.crawler.fetches").tag("outcome", "ok").counter().count());
        // Feed twice, two articles once, 404 once, timeout twice.
        assertEquals(3.0, meters.get("yuqing.crawler.fetches").tag("outcome", "failed").counter().count());
        assertEquals(7, meters.get("yuqing.crawler.fetch.latency").tag("source", "city-rss").timer().count());
    }

    @Test
    void htmlListSourceYieldsItsArticlesOnce() {
        server.html("/list/", """
                <html><body><div class="nav"><a href="/">首页</a></div>
                <ul class="list"><li><a href="/list/1.html">一</a></li><li><a href="/list/2.html">二</a></li></ul>
                </body></html>""");
        server.html("/list/1.html", Pages.standardArticle("<meta charset=\"utf-8\">"));
        server.html("/list/2.html", Pages.article("民营企业座谈会召开", "<meta charset=\"utf-8\">",
                "市委统战部召开民营企业家座谈会，听取企业对优化营商环境的意见建议。", "与会企业家围绕融资、用工等问题踊跃发言。"));
        SourceConfig source = Configs.htmlList("city-list", server.url("/list/"), "ul.list a", "");
        CycleReport first = crawler.crawl(source, sunk::add);
        assertEquals(2, first.linksFound());
        assertEquals(2, first.newDocuments());
        assertEquals(List.of("民营企业座谈会召开"), sunk.stream().skip(1).map(Document::title).toList());
        CycleReport second = crawler.crawl(source, sunk::add);
        assertEquals(2, second.linksFound());
        assertEquals(0, second.newDocuments());
        assertEquals(2, sunk.size());
    }

    @Test
    void documentRefusedByTheSinkIsOfferedAgain() {
        server.html("/a/1.html", Pages.standardArticle("<meta charset=\"utf-8\">"));
        serveFeed(server.url("/a/1.html"));
        SourceConfig source = Configs.rss("s", server.url("/rss.xml"));
        AtomicInteger calls = new AtomicInteger();
        CycleReport refused = crawler.crawl(source, doc -> {
            calls.incrementAndGet();
            throw new IllegalStateException("index is full");
        });
        assertEquals(0, refused.newDocuments());
        assertEquals(1, refused.failures());
        assertTrue(refused.problems().get(0).contains("index is full"));
        CycleReport accepted = crawler.crawl(source, sunk::add);
        assertEquals(1, accepted.newDocuments());
        assertEquals(1, calls.get());
        assertEquals(1.0, meters.get("yuqing.documents.failed").tag("reason", "sink_error").counter().count());
    }

    @Test
    void atMostMaxNewItemsPerCycle() {
        for (int i = 1; i <= 3; i++) {
            server.html("/a/" + i + ".html", Pages.article("第" + i + "条新闻标题", "<meta charset=\"utf-8\">",
                    "这是第" + i + "条新闻的正文内容，讲述了某企业的经营情况。"));
        }
        serveFeed(server.url("/a/1.html"), server.url("/a/2.html"), server.url("/a/3.html"));
        try (Crawler limited = new Crawler(new io.yuqing.core.config.CrawlerConfig("YuqingBot/0.1 (test)",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 5, Duration.ZERO, 2), state, clock, meters)) {
            SourceConfig source = Configs.rss("s", server.url("/rss.xml"));
            assertEquals(2, limited.crawl(source, sunk::add).newDocuments());
            assertEquals(1, limited.crawl(source, sunk::add).newDocuments());
            assertEquals(0, limited.crawl(source, sunk::add).newDocuments());
        }
        assertEquals(List.of("第1条新闻标题", "第2条新闻标题", "第3条新闻标题"), sunk.stream().map(Document::title).toList());
    }

    @Test
    void failingSourcePageIsReportedAndCounted() {
        SourceConfig source = Configs.rss("gone", server.url("/no-feed.xml"));
        CycleReport report = crawler.crawl(source, sunk::add);
        assertEquals(1, report.failures());
        assertTrue(report.problems().get(0).contains("404"), report.problems().toString());
        assertEquals(1, state.sourceState("gone").consecutiveFailures());

        server.html("/not-a-feed.xml", "<html><body>这不是订阅源</body></html>");
        CycleReport unreadable = crawler.crawl(Configs.rss("html", server.url("/not-a-feed.xml")), sunk::add);
        assertEquals(1, unreadable.failures());
        assertTrue(unreadable.problems().get(0).contains("RSS"), unreadable.problems().toString());
    }

    @Test
    void loopbackSourceIsRefusedWithoutAllowPrivateNetwork() {
        serveFeed();
        SourceConfig source = new SourceConfig("local", "local", SourceConfig.Kind.RSS, server.url("/rss.xml"),
                Duration.ofMinutes(10), "", "", false);
        CycleReport report = crawler.crawl(source, sunk::add);
        assertEquals(1, report.failures());
        assertTrue(report.problems().get(0).contains("loopback"), report.problems().toString());
        assertEquals(0, server.requestCount("/rss.xml"));
    }

    @Test
    void unchangedFeedIsNotModified() {
        server.handle("/rss.xml", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            TestServer.send(ex, 200, "application/rss+xml", rss().getBytes(StandardCharsets.UTF_8));
        });
        SourceConfig source = Configs.rss("etag", server.url("/rss.xml"));
        crawler.crawl(source, sunk::add);
        CycleReport second = crawler.crawl(source, sunk::add);
        assertEquals(0, second.failures());
        assertEquals(1.0, meters.get("yuqing.crawler.fetches").tag("outcome", "not_modified").counter().count());
    }

    @Test
    void fetchAndExtractReadsOnePageWithoutRecordingIt() {
        server.html("/a/1.html", Pages.standardArticle("<meta charset=\"utf-8\">"));
        SourceConfig source = Configs.rss("s", server.url("/rss.xml"));
        ArticleFetch.Extracted x = assertInstanceOf(ArticleFetch.Extracted.class,
                crawler.fetchAndExtract(source, server.url("/a/1.html?utm_campaign=z")));
        assertEquals(Pages.HEADLINE, x.extraction().title());
        assertTrue(!state.isSeen(server.url("/a/1.html")));
        ArticleFetch.NotExtracted missing = assertInstanceOf(ArticleFetch.NotExtracted.class,
                crawler.fetchAndExtract(source, server.url("/a/none.html")));
        assertEquals("not_found", missing.reason());
        server.page("/img.png", "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        assertEquals("unsupported_content_type", assertInstanceOf(ArticleFetch.NotExtracted.class,
                crawler.fetchAndExtract(source, server.url("/img.png"))).reason());
    }
}
