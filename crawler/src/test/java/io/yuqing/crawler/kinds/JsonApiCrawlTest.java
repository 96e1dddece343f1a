package io.yuqing.crawler.kinds;

import io.yuqing.core.config.JsonMapping;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.model.Document;
import io.yuqing.crawler.Crawler;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.Environment;
import io.yuqing.crawler.SearchTerms;
import io.yuqing.crawler.SourceInputs;
import io.yuqing.crawler.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JSON API sources: items through the field mapping become documents directly; an API key comes from the environment. */
class JsonApiCrawlTest {
    private static final String KEY = "k-7f3a9c2e-secret";
    private CrawlFixture f;
    private final List<String> keysReceived = new CopyOnWriteArrayList<>();
    private volatile String body;
    private final List<String> accepts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        f = new CrawlFixture();
        f.server.handle("/api/news", ex -> {
            String key = ex.getRequestHeaders().getFirst("X-Api-Key");
            keysReceived.add(key == null ? "" : key);
            accepts.add(ex.getRequestHeaders().getFirst("Accept"));
            if (!KEY.equals(key)) {
                TestServer.send(ex, 401, "application/json", "{\"error\":\"bad key\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            TestServer.send(ex, 200, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        });
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private SourceConfig source() {
        return new SourceConfig("feed-api", "授权资讯接口", SourceConfig.Kind.JSON_API, f.server.url("/api/news?page=1"),
                Duration.ofMinutes(5), "", "", true, null, null, null, null,
                new JsonMapping("/data/list", "/link", "/title", "/content", "/pubTime", "/author", "", "/source/name"),
                Map.of("X-Api-Key", "${NEWS_API_KEY}"));
    }

    private Crawler crawler(Map<String, String> env) {
        return f.crawler(new SourceInputs(SearchTerms.NONE, null, Environment.of(env)));
    }

    private static final String GOOD = """
            {"code": 0, "data": {"list": [
              {"link": "/n/1001", "title": "青州云帆科技被曝欠薪", "content": "<p>多名员工反映公司拖欠工资。</p><p>劳动监察已介入。</p>",
               "pubTime": "2024-11-24 09:30:00", "author": "张记者", "source": {"name": "青州日报"}},
              {"link": "https://m.example.cn/n/1002?utm_source=app", "title": "鼎盛食品厂停产整顿", "content": "市场监管局通报。",
               "pubTime": 1732411800, "author": "李记者", "source": {"name": "青州晚报"}},
              {"link": "/n/1003", "title": 42, "content": "标题字段是数字，正文仍可用。", "pubTime": "昨天 14:20", "source": {"name": "网友投稿"}},
              {"title": "没有链接的条目", "content": "无法作为文档"},
              "not an object"
            ]}}
            """;

    @Test
    void itemsBecomeDocumentsDirectlyAndItemProblemsAreListed() {
        body = GOOD;
        CycleReport report = crawler(Map.of("NEWS_API_KEY", KEY)).crawl(source(), f.sunk::add);

        assertEquals(3, report.newDocuments(), report.problems().toString());
        assertEquals(List.of(KEY), keysReceived);
        assertEquals(List.of("application/json, */*;q=0.5"), accepts);
        assertEquals(List.of("/robots.txt", "/api/news"), f.server.requests(), "no article pages are fetched");
        Document first = f.sunk.get(0);
        assertEquals(f.server.url("/n/1001"), first.url(), "relative links resolve against the API URL");
        assertEquals("青州云帆科技被曝欠薪", first.title());
        assertEquals("多名员工反映公司拖欠工资。\n劳动监察已介入。", first.text(), "HTML content becomes paragraphs");
        assertEquals("张记者", first.author());
        assertEquals("青州日报", first.outlet(), "an aggregated feed names each item's outlet");
        assertEquals(Instant.parse("2024-11-24T01:30:00Z"), first.publishedAt());
        assertEquals("https://m.example.cn/n/1002", f.sunk.get(1).url(), "tracking parameters dropped");
        assertEquals(Instant.ofEpochSecond(1732411800), f.sunk.get(1).publishedAt(), "epoch seconds");
        Document third = f.sunk.get(2);
        assertEquals("标题字段是数字，正文仍可用。", third.title(), "the text's start stands in for a wrongly typed title");
        assertEquals(Instant.parse("2024-11-23T06:20:00Z"), third.publishedAt(), "昨天 14:20 at the fetch time");
        List<String> problems = report.problems();
        assertTrue(problems.contains("API item problem: item 3: /title is a number, expected text"), problems.toString());
        assertTrue(problems.contains("API item problem: item 4: /link is missing"), problems.toString());
        assertTrue(problems.contains("API item problem: item 5: is text, not an object; skipped"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains(KEY)));
        assertEquals(2.0, f.meters.get("yuqing.documents.failed").tag("reason", "invalid_item").counter().count());

        f.clock.advance(Duration.ofMinutes(5));
        CycleReport again = crawler(Map.of("NEWS_API_KEY", KEY)).crawl(source(), f.sunk::add);
        assertEquals(0, again.newDocuments(), "items already handed on are seen");
    }

    @Test
    void malformedJsonIsAClearFailureOfTheSourceNotACrash() {
        body = "{\"data\": {\"list\": [ {\"link\": \"/n/1\", ";
        CycleReport report = crawler(Map.of("NEWS_API_KEY", KEY)).crawl(source(), f.sunk::add);
        assertEquals(1, report.failures());
        assertTrue(report.problems().getFirst().contains("is not valid JSON"), report.problems().toString());
        assertEquals(1, f.state.sourceState("feed-api").consecutiveFailures());

        body = "{\"data\": {\"list\": {\"link\": \"/n/1\"}}}";
        f.clock.advance(Duration.ofHours(1));
        CycleReport notAList = crawler(Map.of("NEWS_API_KEY", KEY)).crawl(source(), f.sunk::add);
        assertTrue(notAList.problems().getFirst().contains("json.items /data/list is an object, not a list of items"),
                notAList.problems().toString());
    }

    @Test
    void aMissingEnvironmentVariableIsNamedAndNothingIsSent() {
        body = GOOD;
        CycleReport report = crawler(Map.of()).crawl(source(), f.sunk::add);
        assertEquals(1, report.failures());
        assertEquals("source 'feed-api': header X-Api-Key needs environment variable NEWS_API_KEY, which is not set",
                report.problems().getFirst());
        assertTrue(keysReceived.isEmpty(), "the API was not called without its key");
    }

    @Test
    void aVariableWithALineBreakIsRefusedWithoutShowingIt() {
        body = GOOD;
        CycleReport report = crawler(Map.of("NEWS_API_KEY", "abc\r\nX-Injected: 1")).crawl(source(), f.sunk::add);
        assertEquals(1, report.failures());
        assertEquals("source 'feed-api': header X-Api-Key: environment variable NEWS_API_KEY holds a line break, "
                + "control character or non-Latin text, which a header cannot carry", report.problems().getFirst());
        assertTrue(keysReceived.isEmpty());
    }

    @Test
    void theKeyIsNotSentToAnotherHostARedirectPointsTo() throws Exception {
        // localhost and 127.0.0.1 are the same machine but different hosts to the crawler.
        try (TestServer elsewhere = new TestServer()) {
            List<String> seenElsewhere = new CopyOnWriteArrayList<>();
            elsewhere.status("/robots.txt", 404);
            elsewhere.handle("/api/news", ex -> {
                String key = ex.getRequestHeaders().getFirst("X-Api-Key");
                seenElsewhere.add(key == null ? "(none)" : key);
                TestServer.send(ex, 200, "application/json", "{\"data\":{\"list\":[]}}".getBytes(StandardCharsets.UTF_8));
            });
            f.server.redirect("/api/moved", "http://localhost:" + elsewhere.port() + "/api/news");
            SourceConfig moved = new SourceConfig("feed-api", "接口", SourceConfig.Kind.JSON_API, f.server.url("/api/moved"),
                    Duration.ofMinutes(5), "", "", true, null, null, null, null,
                    new JsonMapping("/data/list", "/link", "/title", "", "", "", ""), Map.of("X-Api-Key", "${NEWS_API_KEY}"));
            CycleReport report = crawler(Map.of("NEWS_API_KEY", KEY)).crawl(moved, f.sunk::add);
            assertEquals(0, report.failures(), report.problems().toString());
            assertEquals(List.of("(none)"), seenElsewhere);
        }
    }
}
