package io.yuqing.crawler.source;

import io.yuqing.core.config.ForumProfile;
import io.yuqing.core.config.JsonMapping;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure readers behind forum, json-api and site-search sources: bytes in, values out, never an exception. */
class SourceKindParsersTest {
    private static final Instant NOW = Instant.parse("2024-11-24T07:00:00Z");
    private final ForumThreadParser forum = new ForumThreadParser();
    private final JsonApiParser json = new JsonApiParser();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aQuotedPostStyledLikeAPostIsPartOfItsPostNotAPostOfItsOwn() {
        String html = "<h1>标题</h1><div class='post' data-pid='77'><div class='post'>引用的旧帖</div><p>新回复</p></div>"
                + "<div class='post' data-pid='78'><p>第二条</p></div>";
        var posts = assertInstanceOf(ForumThreadParser.Result.Posts.class,
                forum.parse(utf8(html), "text/html", "https://bbs.example.cn/t/1", new ForumProfile("div.post", "", "", "", ""), NOW));
        assertEquals(List.of("https://bbs.example.cn/t/1#post-77", "https://bbs.example.cn/t/1#post-78"),
                posts.posts().stream().map(ForumPost::url).toList());
    }

    @Test
    void duplicateIdsFallBackToPositionsAndEmptyPostsAreSkipped() {
        String html = "<div class='p' id='reply'><i>甲</i>一</div><div class='p' id='reply'>二</div><div class='p' id='x'><img src=a.png></div>";
        var posts = assertInstanceOf(ForumThreadParser.Result.Posts.class,
                forum.parse(utf8(html), "text/html", "https://bbs.example.cn/t/2", new ForumProfile("div.p", "", "i", "", ""), NOW));
        assertEquals(List.of("https://bbs.example.cn/t/2#post-reply", "https://bbs.example.cn/t/2#post-2"),
                posts.posts().stream().map(ForumPost::url).toList());
        assertEquals(1, posts.skipped());
        assertEquals("甲", posts.posts().getFirst().author());
    }

    @Test
    void aTimeFormatMayMatchPartOfTheText() {
        String html = "<div class='p'><span class='t'>发表于 24.11.2024 - 08:05 来自手机</span>内容</div>";
        var posts = assertInstanceOf(ForumThreadParser.Result.Posts.class, forum.parse(utf8(html), "text/html",
                "https://bbs.example.cn/t/3", new ForumProfile("div.p", "", "", "span.t", "dd.MM.yyyy - HH:mm"), NOW));
        assertEquals(OffsetDateTime.parse("2024-11-24T08:05+08:00").toInstant(),
                posts.posts().getFirst().publishedAt().toInstant());
    }

    private static final JsonMapping ROOT = new JsonMapping("", "/u", "/t", "/c", "/p", "", "");

    @Test
    void theResponseItselfMayBeTheListAndTimesMayBeEpochMilliseconds() {
        var items = assertInstanceOf(JsonApiParser.Result.Items.class, json.parse(
                utf8("[{\"u\":\"https://x.cn/1\",\"t\":\"标题\",\"p\":1732431120000},"
                        + "{\"u\":\"https://x.cn/2\",\"c\":\"只有正文的一条微博，没有标题，标题由正文开头代替，超过四十个字的部分会被省略号代替掉的吧\",\"p\":\"1732431120\"}]"),
                "application/json", "https://api.x.cn/", ROOT, NOW));
        assertEquals(Instant.ofEpochMilli(1732431120000L), items.items().get(0).publishedAt().toInstant());
        assertEquals(Instant.ofEpochSecond(1732431120L), items.items().get(1).publishedAt().toInstant());
        assertTrue(items.items().get(1).title().endsWith("…"), items.items().get(1).title());
        assertEquals(41, items.items().get(1).title().length());
        assertTrue(items.problems().stream().anyMatch(p -> p.equals("item 1: /c is missing")), items.problems().toString());
    }

    @Test
    void manyBadItemsAreSummarisedAndAnUnreadableTimeIsNamed() {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            many.append(i == 0 ? "" : ",").append("{\"t\":\"无链接\"}");
        }
        many.append(",{\"u\":\"https://x.cn/ok\",\"t\":\"好\",\"c\":\"文\",\"p\":\"下周一\"}]");
        var items = assertInstanceOf(JsonApiParser.Result.Items.class,
                json.parse(utf8(many.toString()), "application/json", "https://api.x.cn/", ROOT, NOW));
        assertEquals(1, items.items().size());
        assertEquals(30, items.skipped());
        assertEquals(JsonApiParser.MAX_PROBLEMS + 1, items.problems().size());
        assertTrue(items.problems().getLast().matches("and \\d+ more item problems"), items.problems().getLast());
    }

    @Test
    void anItemsPointerThatIsNotThereIsUnreadable() {
        var r = assertInstanceOf(JsonApiParser.Result.Unreadable.class, json.parse(utf8("{\"result\":[]}"), "application/json",
                "https://api.x.cn/", new JsonMapping("/data/list", "/u", "/t", "", "", "", ""), NOW));
        assertEquals("json.items /data/list is not in the response", r.message());
        assertInstanceOf(JsonApiParser.Result.Unreadable.class, json.parse(new byte[0], "", "https://api.x.cn/", ROOT, NOW));
        assertInstanceOf(JsonApiParser.Result.Unreadable.class, json.parse(utf8("<html>502 Bad Gateway</html>"), "text/html",
                "https://api.x.cn/", ROOT, NOW));
    }

    @Test
    void searchTermsAreEncodedInTheSitesCharset() {
        assertEquals("https://s.cn/s?q=%D4%C6%B7%AB%20%BF%C6%BC%BC&p=1",
                SearchUrls.forTerm("https://s.cn/s?q={query}&p=1", "云帆 科技", Charset.forName("GBK")));
        assertEquals("https://s.cn/search/%E4%BA%91%E5%B8%86%26%3D/",
                SearchUrls.forTerm("https://s.cn/search/{query}/", "云帆&=", StandardCharsets.UTF_8));
    }
}
