package io.yuqing.app.demo;

import io.yuqing.core.text.Html;

import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.time.AdjustableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoSiteTest {
    /** 20:00 UTC is 04:00 the next day in Asia/Shanghai: URLs and shown times must use the city's day. */
    private static final Instant START = Instant.parse("2026-11-24T20:00:00Z");
    private static final Pattern ARTICLE_LINK = Pattern.compile("href=\"(/news/\\d{8}/[a-z0-9-]+\\.html)\"");
    private static final Pattern ARTICLE_PATH = Pattern.compile("/news/\\d{8}/[a-z0-9-]+\\.html");
    /** The deliberately tricky harmless articles: they use risk words, yet no watchlist enterprise is at risk. */
    private static final Set<String> TRICKY = Set.of("yunfan-denies-wage-rumor", "hengda-wages-settled",
            "laomatou-restaurant-food-poisoning", "gaoxin-avenue-rear-end-collision");
    /** Words no ordinary good-news article may contain, so the scorer has no excuse to flag one. */
    private static final List<String> RISK_WORDS = List.of("欠薪", "拖欠", "讨薪", "裁员", "纠纷", "仲裁", "事故", "爆炸",
            "火灾", "死亡", "遇难", "受伤", "中毒", "不合格", "召回", "超标", "偷排", "污染", "处罚", "罚款", "资金链",
            "逾期", "兑付", "非法", "集资", "诈骗", "骗取", "造假", "虚假", "虚构", "被执行人", "失信", "起诉", "诉讼",
            "判决", "失联", "跑路", "维权", "投诉", "谣言", "传闻", "网传", "违规", "违法", "警示函", "停产", "停工",
            "倒闭", "破产", "涉嫌", "立案", "责令", "整改", "风险", "隐患", "问题");

    private static AdjustableClock clock;
    private static DemoSite site;
    private static HttpClient http;
    private static Map<String, DemoArticle> bySlug;

    @BeforeAll
    static void startSite() {
        clock = new AdjustableClock(START);
        site = DemoSite.start(clock);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        bySlug = new HashMap<>();
        site.articles().forEach(a -> bySlug.put(a.slug(), a));
    }

    @AfterAll
    static void stopSite() {
        site.close();
        http.close();
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(site.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String utf8(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    void listensOnLoopback() {
        assertTrue(site.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+"), site.baseUrl());
        site.articles().forEach(a -> assertTrue(a.url().startsWith(site.baseUrl() + "/news/"), a.url()));
    }

    @Test
    void feedCarriesEveryArticleWithRfc1123DatesAndEscapedTitles() throws Exception {
        HttpResponse<byte[]> response = get("/rss.xml");
        assertEquals(200, response.statusCode());
        assertEquals("application/rss+xml; charset=utf-8", contentType(response));

        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        assertEquals("2.0", feed.getDocumentElement().getAttribute("version"));
        NodeList items = feed.getElementsByTagName("item");
        assertEquals(site.articles().size(), items.getLength());
        Map<String, DemoArticle> byUrl = site.articles().stream().collect(Collectors.toMap(DemoArticle::url, a -> a));
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            DemoArticle a = byUrl.get(text(item, "link"));
            assertNotNull(a, "feed links an unknown URL: " + text(item, "link"));
            assertEquals(a.title(), text(item, "title"));
            assertEquals(a.publishedAt(), ZonedDateTime.parse(text(item, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            assertTrue(a.paragraphs().getFirst().startsWith(text(item, "description").replace("…", "")));
        }
        String xml = utf8(response);
        assertTrue(xml.contains("&lt;script&gt;alert("), "the payload title is escaped in the feed");
        assertFalse(xml.contains("<script"), "no raw script element in the feed");
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }

    @Test
    void eachListPageLinksExactlyItsOwnArticles() throws Exception {
        for (int n = 1; n <= 2; n++) {
            HttpResponse<byte[]> response = get("/news/list-" + n + ".html");
            assertEquals(200, response.statusCode());
            assertEquals("text/html; charset=utf-8", contentType(response));
            String html = utf8(response);
            assertTrue(html.contains("热点排行") && html.contains("ICP备") && html.contains("<nav"), "portal layout");
            Set<String> linked = new TreeSet<>();
            Matcher m = ARTICLE_LINK.matcher(html);
            while (m.find()) {
                linked.add(m.group(1));
            }
            int page = n;
            Set<String> expected = site.articles().stream().filter(a -> a.listPage() == page).map(DemoArticle::path)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, linked, "articles linked from list page " + n);
        }
        String home = utf8(get("/"));
        assertTrue(home.contains("href=\"/news/list-1.html\"") && home.contains("href=\"/news/list-2.html\"")
                && home.contains("href=\"/rss.xml\""), "home links the list pages and the feed");
    }

    @Test
    void articlePagesShowTitleMetaLineAndBodyInPortalLayout() throws Exception {
        for (DemoArticle a : site.articles()) {
            assertTrue(ARTICLE_PATH.matcher(a.path()).matches(), a.path());
            if (!a.charset().equals(StandardCharsets.UTF_8)) {
                continue;
            }
            HttpResponse<byte[]> response = get(a.path());
            assertEquals(200, response.statusCode(), a.path());
            assertEquals("text/html; charset=utf-8", contentType(response));
            String html = utf8(response);
            assertTrue(html.contains("<h1 class=\"article-title\">" + Html.escape(a.title()) + "</h1>"), a.slug());
            assertEquals("来源：" + a.outlet() + " 作者：" + a.author() + " 发布时间：" + DemoPages.shownTime(a), metaLine(html));
            assertTrue(html.contains("<meta name=\"publishdate\" content=\""
                    + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(a.publishedAt().atZone(DemoContent.CITY_ZONE)) + "\">"));
            String body = between(html, "<div class=\"article-content\">", "</div>");
            for (String p : a.paragraphs()) {
                assertTrue(body.contains("<p>" + Html.escape(p) + "</p>"), a.slug() + ": paragraph missing");
            }
            assertTrue(html.contains("class=\"breadcrumb\"") && html.contains("相关阅读") && html.contains("人参与评论"), a.slug());
            assertFalse(html.contains("<script"), a.slug() + ": no raw script element");
        }
    }

    @Test
    void hostileTitleArrivesAsText() throws Exception {
        DemoArticle hostile = site.articles().stream().filter(a -> a.title().contains("<script>")).findFirst().orElseThrow();
        String html = utf8(get(hostile.path()));
        assertTrue(html.contains("<h1 class=\"article-title\">&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("<title>&lt;script&gt;"));
        assertFalse(html.contains("<script>"));
    }

    @Test
    void publishTimesAreClockMinusAgeShownInShanghaiTime() throws Exception {
        DemoArticle crane = bySlug.get("hengda-tower-crane-collapse"); // published 1 hour before the start
        assertEquals(START.minus(Duration.ofHours(1)), crane.publishedAt());
        assertTrue(crane.path().startsWith("/news/20261125/"), crane.path());
        assertTrue(utf8(get(crane.path())).contains("发布时间：2026-11-25 03:00"));
        DemoArticle explosion = bySlug.get("ruifeng-plant-explosion"); // 3.5 hours
        assertEquals(Instant.parse("2026-11-24T16:30:00Z"), explosion.publishedAt());
        assertTrue(explosion.path().startsWith("/news/20261125/"), explosion.path());
        for (int i = 1; i < site.articles().size(); i++) {
            assertFalse(site.articles().get(i).publishedAt().isAfter(site.articles().get(i - 1).publishedAt()), "newest first");
        }
        // The site fixes its times at start: moving the clock later changes nothing already served.
        clock.advance(Duration.ofHours(30));
        assertEquals(START.minus(Duration.ofHours(1)), crane.publishedAt());
        assertEquals(200, get(crane.path()).statusCode());
    }

    @Test
    void gbkArticleIsServedInGbkWithoutCharsetHeader() throws Exception {
        List<DemoArticle> gbk = site.articles().stream().filter(a -> a.charset().equals(DemoContent.GBK)).toList();
        assertEquals(1, gbk.size(), "exactly one GBK page");
        DemoArticle a = gbk.getFirst();
        assertFalse(a.expectRisky(), "the GBK page is a harmless one");
        HttpResponse<byte[]> response = get(a.path());
        assertEquals(200, response.statusCode());
        assertEquals("text/html", contentType(response));
        assertThrows(CharacterCodingException.class, () -> StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(response.body())), "not UTF-8");
        String html = new String(response.body(), DemoContent.GBK);
        assertTrue(html.contains("<meta charset=\"gbk\">"));
        assertTrue(html.contains("<h1 class=\"article-title\">" + Html.escape(a.title()) + "</h1>"));
        for (String p : a.paragraphs()) {
            assertTrue(html.contains(Html.escape(p)));
        }
    }

    @Test
    void robotsAllowsAllAndEverythingElseIs404() throws Exception {
        HttpResponse<byte[]> robots = get("/robots.txt");
        assertEquals(200, robots.statusCode());
        assertEquals("User-agent: *\nAllow: /\n", utf8(robots));
        for (String path : List.of("/nope", "/news/list-3.html", "/news/20991231/no-such-article.html", "/sitemap.xml", "/news/")) {
            assertEquals(404, get(path).statusCode(), path);
        }
        HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(URI.create(site.baseUrl() + "/rss.xml"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, post.statusCode());
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(site.baseUrl() + "/rss.xml"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void contentIsLargeVariedAndHonest() {
        List<DemoArticle> articles = site.articles();
        assertTrue(articles.size() >= 30, "at least 30 articles, got " + articles.size());
        List<DemoArticle> risky = articles.stream().filter(DemoArticle::expectRisky).toList();
        assertTrue(risky.size() >= 14, "at least 14 risky articles, got " + risky.size());
        assertEquals(articles.size(), articles.stream().map(DemoArticle::slug).distinct().count(), "slugs unique");
        Set<RiskCategory> categories = new HashSet<>();
        for (DemoArticle a : articles) {
            int length = a.paragraphs().stream().mapToInt(String::length).sum();
            assertTrue(length >= 250 && length <= 600, a.slug() + ": " + length + " characters");
            assertTrue(a.paragraphs().size() >= 3, a.slug() + ": several paragraphs");
            if (a.expectCategory() != null) {
                categories.add(RiskCategory.fromCode(a.expectCategory()));
            }
            if (a.expectRisky()) {
                assertNotNull(a.expectEnterprise(), a.slug());
                assertNotNull(a.expectCategory(), a.slug());
            } else {
                assertNull(a.expectCategory(), a.slug());
            }
        }
        assertTrue(categories.size() >= 12, "risky articles spread over categories: " + categories);
        assertEquals(1, articles.stream().filter(a -> a.title().contains("<script>")).filter(DemoArticle::expectRisky).count());
        assertEquals(4, TRICKY.stream().filter(bySlug::containsKey).count(), "tricky articles present");
    }

    @Test
    void riskyArticlesNameTheirWatchlistEnterpriseInTitleOrLead() {
        Map<String, Enterprise> watchlist = DemoContent.watchlist().stream()
                .collect(Collectors.toMap(Enterprise::name, e -> e));
        for (DemoArticle a : site.articles()) {
            if (a.expectEnterprise() == null) {
                continue;
            }
            Enterprise e = watchlist.get(a.expectEnterprise());
            assertNotNull(e, a.slug() + ": " + a.expectEnterprise() + " is not in watchlist.csv");
            if (a.expectRisky()) {
                String titleAndLead = a.title() + a.paragraphs().getFirst();
                assertTrue(e.allNames().stream().anyMatch(titleAndLead::contains), a.slug() + ": enterprise not in title or lead");
            }
        }
        DemoArticle outsider = bySlug.get("laomatou-restaurant-food-poisoning");
        assertTrue(watchlist.values().stream().flatMap(e -> e.allNames().stream()).noneMatch(outsider.text()::contains),
                "the non-watchlist story names no watchlist enterprise");
    }

    @Test
    void ordinaryGoodNewsUsesNoRiskWords() {
        for (DemoArticle a : site.articles()) {
            if (a.expectRisky() || TRICKY.contains(a.slug())) {
                continue;
            }
            String all = a.title() + a.text();
            for (String word : RISK_WORDS) {
                assertFalse(all.contains(word), a.slug() + " contains the risk word " + word);
            }
        }
    }

    @Test
    void watchlistIsComplete() {
        List<Enterprise> watchlist = DemoContent.watchlist();
        assertEquals(12, watchlist.size());
        for (Enterprise e : watchlist) {
            assertTrue(e.creditCode().matches("[0-9A-HJ-NPQRTUWXY]{18}"), e.name() + ": credit code " + e.creditCode());
            assertFalse(e.shortNames().isEmpty(), e.name());
            assertFalse(e.district().isEmpty() || e.industry().isEmpty(), e.name());
        }
        assertEquals(12, watchlist.stream().map(Enterprise::creditCode).distinct().count());
        assertTrue(DemoContent.watchlistCsv().startsWith("name,shortNames,aliases,creditCode,district,industry\n"));
    }

    private static String metaLine(String html) {
        return between(html, "<div class=\"article-meta\">", "</div>").replaceAll("<[^>]+>", "");
    }

    private static String between(String s, String start, String end) {
        int i = s.indexOf(start);
        assertTrue(i >= 0, "missing " + start);
        int j = s.indexOf(end, i + start.length());
        return s.substring(i + start.length(), j);
    }
}
