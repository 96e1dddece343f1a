package io.yuqing.crawler.kinds;

import io.micrometer.core.instrument.Counter;
import io.yuqing.core.config.ExtractionProfile;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.crawler.ArticleFetch;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.SourceInputs;
import io.yuqing.crawler.support.Pages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A source's extraction profile overrides the automatic extractor field by field, and says when it finds nothing. */
class ExtractionProfileCrawlTest {
    private CrawlFixture f;
    private Crawler crawler;

    @BeforeEach
    void setUp() throws Exception {
        f = new CrawlFixture();
        crawler = f.crawler(SourceInputs.defaults());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    /** A page whose own layout the automatic extractor reads differently: a teaser headline, a date in the footer. */
    private static String page(String cls, String headline, String author, String time, String... paragraphs) {
        StringBuilder body = new StringBuilder();
        for (String p : paragraphs) {
            body.append("<p>").append(p).append("</p>");
        }
        return """
                <html><head><meta charset="utf-8"><title>青州在线 - 首页推荐</title></head><body>
                <div class="nav"><a href="/">首页</a><a href="/biz/">经济</a></div>
                <h2 class="promo">今日要闻：全市经济运行平稳</h2>
                <div class="%1$s-head">%2$s</div>
                <div class="%1$s-meta"><span class="%1$s-writer">作者：%3$s</span><span class="%1$s-time">%4$s</span></div>
                <div class="%1$s-body">%5$s</div>
                <div class="footer">最后更新 2020-01-01 00:00 版权所有 青州在线</div>
                </body></html>
                """.formatted(cls, headline, author, time, body);
    }

    private SourceConfig source(ExtractionProfile profile) {
        return new SourceConfig("profiled", "青州在线", SourceConfig.Kind.HTML_LIST, f.server.url("/list.html"),
                Duration.ofMinutes(10), "a.item", "", true, profile, null, null, null, null, null);
    }

    private static final ExtractionProfile PROFILE = new ExtractionProfile("div.art-head", "div.art-body",
            "span.art-time", "span.art-writer", "发布于 yyyy/MM/dd HH:mm");

    @Test
    void theProfileOverridesEachFieldItNames() {
        f.serve("/list.html", "<a class='item' href='/a/1.html'>一</a>");
        f.serve("/a/1.html", page("art", Pages.HEADLINE, "赵敏", "发布于 2024/11/23 08:15", Pages.PARAGRAPHS));

        CycleReport report = crawler.crawl(source(PROFILE), f.sunk::add);

        assertEquals(1, report.newDocuments(), report.problems().toString());
        Document d = f.sunk.getFirst();
        assertEquals(Pages.HEADLINE, d.title());
        assertEquals("赵敏", d.author());
        assertEquals(Instant.parse("2024-11-23T00:15:00Z"), d.publishedAt(), "08:15 Beijing time");
        assertEquals(String.join("\n", Pages.PARAGRAPHS), d.text());
        assertTrue(report.problems().isEmpty(), report.problems().toString());
        assertEquals(0, fallbacks("title") + fallbacks("body") + fallbacks("time") + fallbacks("author"));
    }

    @Test
    void withoutAProfileTheSamePageReadsDifferently() {
        // What the profile is for: the automatic extractor does not know this site's byline class or date format.
        f.serve("/list.html", "<a class='item' href='/a/1.html'>一</a>");
        f.serve("/a/1.html", page("art", Pages.HEADLINE, "赵敏", "发布于 2024/11/23 08:15", Pages.PARAGRAPHS));
        ArticleFetch automatic = crawler.fetchAndExtract(source(null), f.server.url("/a/1.html"));
        ArticleFetch profiled = crawler.fetchAndExtract(source(PROFILE), f.server.url("/a/1.html"));
        var a = assertInstanceOf(ArticleFetch.Extracted.class, automatic).extraction();
        var p = assertInstanceOf(ArticleFetch.Extracted.class, profiled).extraction();
        assertTrue(!a.title().equals(p.title()) || !a.text().equals(p.text()) || !a.author().equals(p.author())
                        || !java.util.Objects.equals(a.publishedAt(), p.publishedAt()),
                "the profile changes at least one field: " + a + " vs " + p);
        assertEquals(Pages.HEADLINE, p.title());
    }

    @Test
    void afterARedesignEachFieldFallsBackToTheAutomaticValueAndTheCycleSaysSoOnce() {
        f.serve("/list.html", "<a class='item' href='/a/1.html'>一</a><a class='item' href='/a/2.html'>二</a>");
        // The site renamed its classes: none of the profile's selectors match any more.
        f.serve("/a/1.html", Pages.standardArticle("<meta charset=\"utf-8\">"));
        f.serve("/a/2.html", page("story", "东湖区一食品厂被责令停产整顿", "钱程", "发布于 2024/11/22 10:00",
                "东湖区市场监管局通报，一食品厂因卫生条件不达标被责令停产整顿。", "该厂负责人表示将配合整改，并对全部库存产品进行自查。"));

        CycleReport report = crawler.crawl(source(PROFILE), f.sunk::add);

        assertEquals(2, report.newDocuments(), report.problems().toString());
        Document standard = f.sunk.stream().filter(d -> d.url().endsWith("/a/1.html")).findFirst().orElseThrow();
        assertEquals(Pages.HEADLINE, standard.title(), "the automatic headline");
        assertEquals("王晓明", standard.author(), "the automatic byline");
        assertEquals(Instant.parse("2024-11-24T06:52:00Z"), standard.publishedAt(), "the automatic date");
        assertTrue(standard.text().contains("劳动保障监察支队"), standard.text());
        List<String> profileLines = report.problems().stream().filter(p -> p.contains("extraction profile")).toList();
        assertEquals(1, profileLines.size(), "one line per cycle: " + report.problems());
        assertTrue(profileLines.getFirst().contains("title on 2 of 2 pages"), profileLines.getFirst());
        assertTrue(profileLines.getFirst().contains("author on 2 of 2 pages"), profileLines.getFirst());
        assertEquals(2, fallbacks("title"));
        assertEquals(2, fallbacks("body"));
        assertEquals(2, fallbacks("time"));
        assertEquals(2, fallbacks("author"));

        // The next cycle starts its own count.
        f.serve("/list.html", "<a class='item' href='/a/3.html'>三</a>");
        f.serve("/a/3.html", page("art", Pages.HEADLINE + "（续）", "赵敏", "发布于 2024/11/23 09:00", Pages.PARAGRAPHS));
        CycleReport next = crawler.crawl(source(PROFILE), f.sunk::add);
        assertEquals(1, next.newDocuments());
        assertTrue(next.problems().stream().noneMatch(p -> p.contains("extraction profile")), next.problems().toString());
    }

    @Test
    void aTimeTheFormatDoesNotReadFallsBackToo() {
        f.serve("/list.html", "<a class='item' href='/a/1.html'>一</a>");
        f.serve("/a/1.html", page("art", Pages.HEADLINE, "赵敏", "发布于 昨天", Pages.PARAGRAPHS));
        CycleReport report = crawler.crawl(source(PROFILE), f.sunk::add);
        assertEquals(1, report.newDocuments());
        assertEquals(1, fallbacks("time"));
        assertEquals(0, fallbacks("title"));
        assertTrue(report.problems().getFirst().contains("time on 1 of 1 pages"), report.problems().toString());
    }

    @Test
    void anInvalidSelectorFailsTheSourceNamingIt() {
        f.serve("/list.html", "<a class='item' href='/a/1.html'>一</a>");
        SourceConfig broken = source(new ExtractionProfile("div.art-head[", "", "", "", ""));
        CycleReport report = crawler.crawl(broken, f.sunk::add);
        assertEquals(1, report.failures());
        assertTrue(report.problems().getFirst().startsWith("source 'profiled': extraction.title 'div.art-head[' is not a valid CSS selector"),
                report.problems().toString());
        assertTrue(f.sunk.isEmpty());
        assertEquals(0, f.server.requestCount("/list.html"), "nothing fetched with a broken configuration");
    }

    private long fallbacks(String field) {
        return f.meters.find("yuqing.crawler.profile.fallbacks").tag("source", "profiled").tag("field", field)
                .counters().stream().map(Counter::count).max(Comparator.naturalOrder()).orElse(0.0).longValue();
    }
}
