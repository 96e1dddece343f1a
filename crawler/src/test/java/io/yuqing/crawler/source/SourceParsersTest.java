package io.yuqing.crawler.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceParsersTest {
    private static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>青州新闻</title><link>http://news.example.cn/</link>
              <item><title>企业欠薪被查</title><link>http://news.example.cn/a/1.html?utm_source=rss</link>
                <pubDate>Sun, 24 Nov 2024 06:52:00 GMT</pubDate></item>
              <item><title>相对链接</title><link>/a/2.html</link></item>
              <item><title>重复</title><link>http://news.example.cn/a/1.html</link></item>
            </channel></rss>""";

    @Test
    void rssEntriesWithDatesResolvedAndDeduplicated() {
        SourceParse.Links links = assertInstanceOf(SourceParse.Links.class,
                new FeedParser().parse(RSS.getBytes(StandardCharsets.UTF_8), "application/rss+xml", "http://news.example.cn/rss.xml"));
        assertEquals(List.of("http://news.example.cn/a/1.html", "http://news.example.cn/a/2.html"),
                links.links().stream().map(SourceLink::url).toList());
        assertEquals("企业欠薪被查", links.links().get(0).title());
        assertEquals(Instant.parse("2024-11-24T06:52:00Z"), links.links().get(0).publishedAt());
    }

    @Test
    void atomFeedAndGbkEncodedRss() {
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2024-11-24T00:00:00Z</updated>
                  <entry><title>原子条目</title><id>urn:1</id><link rel="alternate" href="https://x.cn/e/1"/>
                    <updated>2024-11-23T10:00:00Z</updated></entry>
                </feed>""";
        SourceParse.Links a = assertInstanceOf(SourceParse.Links.class,
                new FeedParser().parse(atom.getBytes(StandardCharsets.UTF_8), "application/atom+xml", "https://x.cn/atom"));
        assertEquals("https://x.cn/e/1", a.links().get(0).url());
        assertEquals(Instant.parse("2024-11-23T10:00:00Z"), a.links().get(0).publishedAt());

        byte[] gbk = RSS.replace("UTF-8", "GBK").getBytes(Charset.forName("GBK"));
        SourceParse.Links g = assertInstanceOf(SourceParse.Links.class, new FeedParser().parse(gbk, "text/xml", "http://news.example.cn/rss.xml"));
        assertEquals("企业欠薪被查", g.links().get(0).title());
    }

    @Test
    void brokenFeedIsUnreadableWithAMessage() {
        for (String bad : new String[]{"", "<html><body>不是订阅源</body></html>", "<rss><channel><item>",
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss><channel><title>&x;</title></channel></rss>"}) {
            SourceParse.Unreadable u = assertInstanceOf(SourceParse.Unreadable.class,
                    new FeedParser().parse(bad.getBytes(StandardCharsets.UTF_8), "application/xml", "http://x.cn/rss"));
            assertTrue(!u.message().isBlank());
        }
    }

    private static final String LIST_PAGE = """
            <html><head><meta charset="gbk"></head><body>
            <div class="nav"><a href="/">首页</a><a href="/about.html">关于</a></div>
            <ul class="news-list">
              <li><a href="/news/2024/1124/001.html" title="标题一">标题一…</a></li>
              <li><a href="2024/1124/002.html?spm=x.y">标题二</a></li>
              <li><a href="http://other.example.com/news/003.html">外站</a></li>
              <li><a href="javascript:void(0)">脚本</a></li>
            </ul></body></html>""";

    @Test
    void listPageKeepsSameHostLinksBySelector() {
        byte[] body = LIST_PAGE.getBytes(Charset.forName("GBK"));
        SourceParse.Links links = assertInstanceOf(SourceParse.Links.class, new ListPageParser().parse(body, "text/html",
                "http://www.example.cn/news/", "ul.news-list a", ""));
        assertEquals(List.of("http://www.example.cn/news/2024/1124/001.html", "http://www.example.cn/news/2024/1124/002.html"),
                links.links().stream().map(SourceLink::url).toList());
        assertEquals("标题一", links.links().get(0).title());
    }

    @Test
    void linkPatternSelectsAcrossHosts() {
        SourceParse.Links links = assertInstanceOf(SourceParse.Links.class, new ListPageParser().parse(
                LIST_PAGE.getBytes(Charset.forName("GBK")), "text/html", "http://www.example.cn/news/", "a[href]", "/news/.*\\d+\\.html$"));
        assertEquals(List.of("http://www.example.cn/news/2024/1124/001.html", "http://www.example.cn/news/2024/1124/002.html",
                "http://other.example.com/news/003.html"), links.links().stream().map(SourceLink::url).toList());
    }

    @Test
    void invalidSelectorIsUnreadable() {
        assertInstanceOf(SourceParse.Unreadable.class, new ListPageParser().parse(
                LIST_PAGE.getBytes(StandardCharsets.UTF_8), "text/html", "http://www.example.cn/", "a[[[", ""));
    }
}
