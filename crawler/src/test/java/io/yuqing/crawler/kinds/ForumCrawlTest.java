package io.yuqing.crawler.kinds;

import io.yuqing.core.config.ForumProfile;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.SourceInputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forum sources: every post of a thread is its own item, with its own author and time; later replies are new items. */
class ForumCrawlTest {
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

    private SourceConfig source() {
        return new SourceConfig("bbs", "青州论坛 民生版", SourceConfig.Kind.FORUM, f.server.url("/forum-12-1.html"),
                Duration.ofMinutes(10), "a.thread-title", "/thread-\\d+", true, null, null, null,
                new ForumProfile("div.post", "div.post-body", "a.poster", "span.post-time", ""), null, null);
    }

    private static String post(int id, String author, String time, String text) {
        return """
                <div class="post" id="post_%d">
                  <div class="post-head"><a class="poster" href="/space/%s">%s</a> <span class="post-time">发表于 %s</span></div>
                  <div class="post-body">%s</div>
                  <div class="sign">签名：生活愉快</div>
                </div>
                """.formatted(id, author, author, time, text);
    }

    private static String thread(String title, String... posts) {
        return "<html><head><meta charset='utf-8'><title>" + title + " - 民生版 - 青州论坛</title></head><body>"
                + "<div class='nav'><a href='/'>论坛首页</a></div><h1>" + title + "</h1>" + String.join("\n", posts)
                + "<div class='footer'>青州论坛 版权所有</div></body></html>";
    }

    private static final String TITLE = "鼎盛食品厂拖欠我们三个月工资了";
    private static final String OPENING = post(9001, "打工人老王", "2024-11-23 20:15",
            "<p>青州鼎盛食品有限公司已经三个月没发工资了，一百多个工人。</p><p>找老板也找不到人，大家说怎么办？</p>");
    private static final String REPLY_1 = post(9002, "热心市民", "2024-11-23 21:02",
            "<blockquote>引用 打工人老王：已经三个月没发工资了</blockquote><p>建议打12333投诉，或者去劳动监察大队。</p>");
    private static final String REPLY_2 = post(9003, "知情人", "2小时前", "<p>听说他们资金链断了，银行在催贷款。</p>");

    @Test
    void eachPostIsADocumentWithItsOwnAuthorTimeAndStableUrl() {
        f.serve("/forum-12-1.html", "<a class='thread-title' href='/thread-501-1-1.html'>" + TITLE + "</a>"
                + "<a href='/forum-12-2.html'>下一页</a>");
        f.serve("/thread-501-1-1.html", thread(TITLE, OPENING, REPLY_1));

        CycleReport report = crawler.crawl(source(), f.sunk::add);

        assertEquals(2, report.newDocuments(), report.problems().toString());
        Document opening = f.sunk.get(0);
        Document reply = f.sunk.get(1);
        String threadUrl = f.server.url("/thread-501-1-1.html");
        assertEquals(threadUrl + "#post-9001", opening.url());
        assertEquals(threadUrl + "#post-9002", reply.url());
        assertEquals(TITLE, opening.title());
        assertEquals("回复：" + TITLE, reply.title());
        assertEquals("", opening.partOf());
        assertEquals(opening.id(), reply.partOf(), "a reply belongs to its opening post's story");
        assertEquals("打工人老王", opening.author());
        assertEquals("热心市民", reply.author());
        assertEquals("青州论坛 民生版", reply.outlet(), "the forum is the outlet");
        assertEquals(Instant.parse("2024-11-23T12:15:00Z"), opening.publishedAt());
        assertEquals(Instant.parse("2024-11-23T13:02:00Z"), reply.publishedAt());
        assertEquals("青州鼎盛食品有限公司已经三个月没发工资了，一百多个工人。\n找老板也找不到人，大家说怎么办？", opening.text());
        assertEquals("建议打12333投诉，或者去劳动监察大队。", reply.text(), "the quoted opening post is not the reply's text");
        assertTrue(opening.text().indexOf("签名") < 0, "the signature is outside the body selector");
    }

    @Test
    void aReplyThatAppearsLaterIsANewItemWhileOldPostsStaySeen() {
        f.serve("/forum-12-1.html", "<a class='thread-title' href='/thread-501-1-1.html'>" + TITLE + "</a>");
        f.serve("/thread-501-1-1.html", thread(TITLE, OPENING, REPLY_1));
        crawler.crawl(source(), f.sunk::add);
        assertEquals(2, f.sunk.size());

        f.clock.advance(Duration.ofMinutes(10));
        f.serve("/thread-501-1-1.html", thread(TITLE, OPENING, REPLY_1, REPLY_2));
        CycleReport second = crawler.crawl(source(), f.sunk::add);

        assertEquals(1, second.newDocuments(), second.problems().toString());
        Document late = f.sunk.getLast();
        assertEquals(f.server.url("/thread-501-1-1.html") + "#post-9003", late.url());
        assertEquals("知情人", late.author());
        assertEquals(f.clock.instant().minus(Duration.ofHours(2)), late.publishedAt(), "2小时前, read at fetch time");

        f.clock.advance(Duration.ofMinutes(10));
        CycleReport third = crawler.crawl(source(), f.sunk::add);
        assertEquals(0, third.newDocuments());
        assertEquals(3, third.linksFound(), "three posts found, all seen");
    }

    @Test
    void aLongThreadsLastPageIsReadTooSoItsNewRepliesAreFound() {
        SourceConfig paged = new SourceConfig("bbs", "青州论坛", SourceConfig.Kind.FORUM, f.server.url("/forum-12-1.html"),
                Duration.ofMinutes(10), "a.thread-title", "", true, null, null, null,
                new ForumProfile("div.post", "div.post-body", "a.poster", "span.post-time", "", "div.pg a.last"), null, null);
        String pager = "<div class='pg'><a href='/thread-501-1-1.html'>1</a><a href='/thread-501-2-1.html'>2</a>"
                + "<a class='last' href='/thread-501-9-1.html'>... 9</a></div>";
        f.serve("/forum-12-1.html", "<a class='thread-title' href='/thread-501-1-1.html'>" + TITLE + "</a>");
        f.serve("/thread-501-1-1.html", thread(TITLE, OPENING, REPLY_1, pager));
        f.serve("/thread-501-9-1.html", thread(TITLE, post(9080, "后来者", "2024-11-24 11:00", "<p>第九页的回复。</p>"),
                "<div class='pg'><a href='/thread-501-8-1.html'>8</a><a class='last' href='/thread-501-9-1.html'>9</a></div>"));

        CycleReport first = crawler.crawl(paged, f.sunk::add);
        assertEquals(3, first.newDocuments(), first.problems().toString());
        Document late = f.sunk.getLast();
        assertEquals(f.server.url("/thread-501-1-1.html") + "#post-9080", late.url(), "named under the thread, not the page");
        assertEquals("回复：" + TITLE, late.title());
        assertEquals(0, f.server.requestCount("/thread-501-2-1.html"), "pages in between are not read");

        f.clock.advance(Duration.ofMinutes(10));
        f.serve("/thread-501-9-1.html", thread(TITLE, post(9080, "后来者", "2024-11-24 11:00", "<p>第九页的回复。</p>"),
                post(9081, "又一位", "2024-11-24 11:20", "<p>最新的回复。</p>")));
        CycleReport second = crawler.crawl(paged, f.sunk::add);
        assertEquals(1, second.newDocuments(), second.problems().toString());
        assertEquals("又一位", f.sunk.getLast().author());
    }

    @Test
    void postsWithoutIdsAreNumberedByPosition() {
        f.serve("/forum-12-1.html", "<a class='thread-title' href='/thread-7.html'>t</a>");
        f.serve("/thread-7.html", thread("无编号的帖子",
                "<div class='post'><div class='post-body'>一楼内容</div></div>",
                "<div class='post'><div class='post-body'>二楼内容</div></div>"));
        crawler.crawl(source(), f.sunk::add);
        assertEquals(List.of(f.server.url("/thread-7.html") + "#post-1", f.server.url("/thread-7.html") + "#post-2"),
                f.sunk.stream().map(Document::url).toList());
        assertNull(f.sunk.getFirst().publishedAt());
        assertEquals("", f.sunk.getFirst().author());
    }

    @Test
    void aThreadPageTheSelectorsNoLongerFitIsAProblemNotACrash() {
        f.serve("/forum-12-1.html", "<a class='thread-title' href='/thread-501-1-1.html'>t</a>"
                + "<a class='thread-title' href='/thread-502-1-1.html'>t2</a>");
        f.serve("/thread-501-1-1.html", "<html><body><div class='reply-item'>改版后的帖子</div></body></html>");
        f.serve("/thread-502-1-1.html", thread(TITLE, OPENING));
        CycleReport report = crawler.crawl(source(), f.sunk::add);
        assertEquals(1, report.newDocuments());
        assertEquals(1, report.failures());
        assertTrue(report.problems().getFirst().contains("forum.post 'div.post' matched nothing"), report.problems().toString());
    }

    @Test
    void aBoardPageThatFailsFailsTheSource() {
        f.server.status("/forum-12-1.html", 503);
        CycleReport report = crawler.crawl(source(), f.sunk::add);
        assertEquals(1, report.failures());
        assertEquals(1, f.state.sourceState("bbs").consecutiveFailures());
        assertTrue(report.problems().getFirst().contains("HTTP 503"), report.problems().toString());
    }
}
