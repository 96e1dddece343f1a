package io.yuqing.crawler.recheck;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.yuqing.core.config.CrawlerConfig;
import io.yuqing.core.config.RecheckConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.Document;
import io.yuqing.core.model.DocumentIds;
import io.yuqing.core.model.DocumentRevision;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.core.pipeline.SinkUnavailableException;
import io.yuqing.core.time.AdjustableClock;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.support.Configs;
import io.yuqing.crawler.support.Pages;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stored articles are fetched again on a decaying schedule; edits and (confirmed) deletions reach the pipeline. */
class RecheckCrawlTest {
    private static final Instant START = Instant.parse("2024-11-24T07:00:00Z");
    private final AdjustableClock clock = new AdjustableClock(START);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Document> accepted = new CopyOnWriteArrayList<>();
    private final List<DocumentRevision> revisions = new CopyOnWriteArrayList<>();
    /** The article page: status and body as the site serves it now. */
    private final AtomicInteger status = new AtomicInteger(200);
    private volatile boolean redirectHome;
    private final AtomicInteger feedStatus = new AtomicInteger(200);
    /** The feed's items. */
    private final AtomicReference<String> feed = new AtomicReference<>("");
    private final AtomicReference<String> article = new AtomicReference<>(Pages.standardArticle("<meta charset=\"utf-8\">"));
    private TestServer server;
    private Database db;
    private Crawler crawler;
    private SourceConfig source;
    private String url;

    private final DocumentSink sink = new DocumentSink() {
        @Override
        public void accept(Document document) {
            accepted.add(document);
        }

        @Override
        public void revised(DocumentRevision revision) {
            revisions.add(revision);
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer();
        server.status("/robots.txt", 404);
        server.html("/", "<html><head><title>青州新闻网</title></head><body><ul><li><a href=\"/a/1.html\">要闻</a></li></ul>"
                + "<p>首页 · 时政 · 经济 · 社会</p></body></html>");
        server.handle("/a/1.html", ex -> {
            if (redirectHome) {
                ex.getResponseHeaders().set("Location", "/");
                ex.sendResponseHeaders(302, -1);
                return;
            }
            TestServer.send(ex, status.get(), "text/html; charset=utf-8",
                    status.get() == 200 ? article.get().getBytes(StandardCharsets.UTF_8) : new byte[0]);
        });
        url = server.url("/a/1.html");
        feed.set("<item><title>x</title><link>" + url + "</link></item>");
        server.handle("/rss.xml", ex -> TestServer.send(ex, feedStatus.get(), "application/rss+xml", ("<rss version=\"2.0\"><channel>"
                + "<title>t</title>" + feed.get() + "</channel></rss>").getBytes(StandardCharsets.UTF_8)));
        db = TestDatabases.h2();
        db.migrate(CrawlStateStore.MIGRATIONS);
        source = Configs.rss("news", server.url("/rss.xml"));
        crawler = crawlerWith(new RecheckConfig(true, Duration.ofDays(7),
                List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3)), 10,
                Duration.ofHours(1), Duration.ofMinutes(10)));
    }

    private Crawler crawlerWith(RecheckConfig recheck) {
        CrawlerConfig config = Configs.crawler().withRecheck(recheck);
        return new Crawler(config, new CrawlStateStore(db.dataSource()), clock, meters);
    }

    @AfterEach
    void tearDown() {
        crawler.close();
        server.close();
        db.close();
    }

    private long articleFetches() {
        return server.requestCount("/a/1.html");
    }

    private double rechecks(String outcome) {
        Counter c = meters.find(Rechecker.RECHECKS).tag("source", "news").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private void crawlAt(Duration sinceStart) {
        clock.set(START.plus(sinceStart));
        crawler.crawl(source, sink);
    }

    private RecheckStore store() {
        return new RecheckStore(db.dataSource());
    }

    @Test
    void anEditIsReportedWithWhatChangedAndADeletionOnlyOnceConfirmed() {
        crawlAt(Duration.ZERO);
        assertEquals(1, accepted.size());
        assertEquals(1, articleFetches());

        crawlAt(Duration.ofMinutes(30));
        assertEquals(1, articleFetches(), "not due before 1 h");

        article.set(Pages.article(Pages.HEADLINE, "<meta charset=\"utf-8\">", Pages.PARAGRAPHS[0], Pages.PARAGRAPHS[1],
                "公司相关负责人称，工资已于昨日全部补发。", Pages.PARAGRAPHS[3], Pages.PARAGRAPHS[4]));
        crawlAt(Duration.ofMinutes(61));
        assertEquals(2, articleFetches());
        assertEquals(1, revisions.size());
        DocumentRevision edit = revisions.getFirst();
        assertEquals(DocumentRevision.Kind.EDITED, edit.kind());
        assertEquals(DocumentIds.forUrl(url), edit.documentId());
        assertEquals(accepted.getFirst().id(), edit.documentId());
        assertTrue(edit.detail().contains("删去 1 句，新增 1 句") && edit.detail().contains("工资已于昨日全部补发"), edit.detail());
        assertFalse(edit.contentHash().isEmpty());

        crawlAt(Duration.ofHours(6).plusMinutes(1));
        assertEquals(3, articleFetches());
        assertEquals(1, revisions.size(), "unchanged since the edit: nothing to report");
        assertEquals(1.0, rechecks("unchanged"));

        status.set(404);
        crawlAt(Duration.ofHours(24).plusMinutes(1));
        assertEquals(4, articleFetches());
        assertEquals(1, revisions.size(), "one 404 is only a suspicion");
        assertEquals(1.0, rechecks(Rechecker.SUSPECTED));

        crawlAt(Duration.ofHours(24).plusMinutes(12));
        assertEquals(5, articleFetches());
        assertEquals(2, revisions.size());
        DocumentRevision deletion = revisions.get(1);
        assertEquals(DocumentRevision.Kind.DELETED, deletion.kind());
        assertTrue(deletion.detail().contains("404"), deletion.detail());
        assertEquals(START.plus(Duration.ofHours(24).plusMinutes(12)), deletion.detectedAt());
        assertTrue(store().nextCheck(edit.documentId()).isEmpty(), "a confirmed deletion ends the re-checks");

        crawlAt(Duration.ofDays(3).plusMinutes(1));
        assertEquals(5, articleFetches(), "no more fetches of a deleted article");
        assertEquals(1, accepted.size(), "the stored document is never offered again, let alone deleted");
    }

    @Test
    void aPageBackAtTheConfirmingCheckIsNotADeletion() {
        crawlAt(Duration.ZERO);
        status.set(410);
        crawlAt(Duration.ofMinutes(61));
        status.set(200);
        crawlAt(Duration.ofMinutes(72));
        assertEquals(3, articleFetches());
        assertTrue(revisions.isEmpty(), revisions.toString());
        assertEquals(1.0, rechecks("unchanged"));
        assertEquals(START.plus(Duration.ofHours(6)), store().nextCheck(accepted.getFirst().id()).orElseThrow(),
                "back on the regular schedule");
    }

    @Test
    void aRedirectToTheHomePageCountsAsDeleted() {
        crawlAt(Duration.ZERO);
        redirectHome = true;
        crawlAt(Duration.ofMinutes(61));
        crawlAt(Duration.ofMinutes(72));
        assertEquals(1, revisions.size());
        assertEquals(DocumentRevision.Kind.DELETED, revisions.getFirst().kind());
        assertTrue(revisions.getFirst().detail().contains("首页"), revisions.getFirst().detail());
    }


    @Test
    void anExplicitDeletionNoticeCountsButAMentionOnALivePageDoesNot() {
        crawlAt(Duration.ZERO);
        // A live article whose comment box says a comment was deleted: still the article.
        article.set(Pages.standardArticle("<meta charset=\"utf-8\">").replace("网友乙：希望有关部门尽快处理。", "该评论已被删除"));
        crawlAt(Duration.ofMinutes(61));
        crawlAt(Duration.ofMinutes(72));
        assertTrue(revisions.isEmpty(), revisions.toString());

        article.set("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>提示_青州新闻网</title></head><body>"
                + "<div class=\"top-nav\"><a href=\"/\">首页</a> <a href=\"/news/\">时政</a></div>"
                + "<div class=\"main\"><p>抱歉，该文章已被删除。</p><p><a href=\"/\">返回首页</a></p></div></body></html>");
        crawlAt(Duration.ofHours(6).plusMinutes(1));
        assertTrue(revisions.isEmpty(), "a suspicion first");
        crawlAt(Duration.ofHours(6).plusMinutes(12));
        assertEquals(1, revisions.size());
        assertEquals(DocumentRevision.Kind.DELETED, revisions.getFirst().kind());
        assertTrue(revisions.getFirst().detail().contains("已被删除"), revisions.getFirst().detail());
    }

    @Test
    void aPageThatNoLongerCarriesTheArticleAndGivesNoReasonIsNeitherAnEditNorADeletion() {
        crawlAt(Duration.ZERO);
        article.set("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>安全验证</title></head><body><div class=\"main\">"
                + "<p>为了您的访问安全，请完成下方的安全验证后继续访问本网站。</p><p>请按住滑块，拖动到最右边完成验证，"
                + "如果多次验证失败，请稍后再试或者联系网站管理员处理。</p></div></body></html>");
        crawlAt(Duration.ofMinutes(61));
        assertTrue(revisions.isEmpty(), revisions.toString());
        assertEquals(1.0, rechecks("unreachable"));
        assertEquals(START.plus(Duration.ofMinutes(121)), store().nextCheck(accepted.getFirst().id()).orElseThrow(), "tried later");
    }

    @Test
    void noRechecksWhileTheSourceItselfFails() {
        crawlAt(Duration.ZERO);
        feedStatus.set(500);
        crawlAt(Duration.ofMinutes(61));
        assertEquals(1, articleFetches(), "a failing site is not asked for its articles one by one");
        feedStatus.set(200);
        crawlAt(Duration.ofMinutes(70));
        assertEquals(2, articleFetches(), "the re-check waits for the source to recover");
    }

    @Test
    void anUnreachablePageIsTriedAgainLaterAndNothingIsReported() {
        crawlAt(Duration.ZERO);
        status.set(503);
        crawlAt(Duration.ofMinutes(61));
        assertEquals(1.0, rechecks("unreachable"));
        assertEquals(START.plus(Duration.ofMinutes(121)), store().nextCheck(accepted.getFirst().id()).orElseThrow());
        crawlAt(Duration.ofMinutes(90));
        assertEquals(2, articleFetches(), "not before the retry is due");
        status.set(200);
        crawlAt(Duration.ofMinutes(122));
        assertEquals(3, articleFetches());
        assertEquals(1.0, rechecks("unchanged"));
        assertTrue(revisions.isEmpty());
    }

    @Test
    void aPipelineThatIsDownHearsOfTheEditAtTheNextCheck() {
        crawlAt(Duration.ZERO);
        article.set(Pages.article("青州某科技公司回应欠薪：已补发", "<meta charset=\"utf-8\">", Pages.PARAGRAPHS));
        AtomicInteger offered = new AtomicInteger();
        DocumentSink down = new DocumentSink() {
            @Override
            public void accept(Document document) {
            }

            @Override
            public void revised(DocumentRevision revision) throws SinkUnavailableException {
                offered.incrementAndGet();
                throw new SinkUnavailableException("database down", null);
            }
        };
        clock.set(START.plus(Duration.ofMinutes(61)));
        crawler.crawl(source, down);
        assertEquals(1, offered.get());
        crawlAt(Duration.ofMinutes(62));
        assertEquals(1, revisions.size(), "reported again once the pipeline is back");
        assertTrue(revisions.getFirst().detail().contains("标题改为「青州某科技公司回应欠薪：已补发」"), revisions.getFirst().detail());
    }

    @Test
    void atMostMaxPerCycleRechecksPerCycleAndNoneAfterTheWindow() {
        crawler.close();
        crawler = crawlerWith(new RecheckConfig(true, Duration.ofHours(2), List.of(Duration.ofHours(1), Duration.ofHours(6)),
                1, Duration.ofHours(1), Duration.ofMinutes(10)));
        for (int i = 2; i <= 3; i++) {
            server.html("/a/" + i + ".html", Pages.standardArticle("<meta charset=\"utf-8\">").replace(Pages.HEADLINE, "新闻" + i));
        }
        feed.set("<item><title>x</title><link>" + url + "</link></item>"
                + "<item><title>y</title><link>" + server.url("/a/2.html") + "</link></item>"
                + "<item><title>z</title><link>" + server.url("/a/3.html") + "</link></item>");
        crawlAt(Duration.ZERO);
        assertEquals(3, accepted.size());
        crawlAt(Duration.ofMinutes(61));
        assertEquals(1.0, rechecks("unchanged"), "one per cycle");
        crawlAt(Duration.ofMinutes(62));
        assertEquals(2.0, rechecks("unchanged"));
        // The 6 h step lies past the 2 h window: the articles checked once are done.
        assertTrue(store().nextCheck(accepted.get(0).id()).isEmpty() || store().nextCheck(accepted.get(1).id()).isEmpty());
        crawlAt(Duration.ofHours(3));
        assertEquals(2.0, rechecks("unchanged"), "the last one's window ended before its turn");
    }
}
