package io.yuqing.crawler.url;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlCanonicalizerTest {

    private static String c(String url) {
        return UrlCanonicalizer.canonicalize(url).orElseThrow();
    }

    @Test
    void lowerCasesSchemeAndHostAndDropsDefaultPortAndFragment() {
        assertEquals("http://news.example.cn/a/B.html", c("HTTP://News.Example.CN:80/a/B.html#comments"));
        assertEquals("https://news.example.cn/", c("https://news.example.cn:443"));
        assertEquals("http://news.example.cn:8080/x", c("http://news.example.cn:8080/x"));
    }

    @Test
    void dropsTrackingParametersAndSortsTheRest() {
        assertEquals("https://m.example.cn/a.html?id=7&page=2",
                c("https://m.example.cn/a.html?page=2&utm_source=wechat&id=7&spm=a.b.c&from=timeline&utm_medium=x"));
        assertEquals(c("http://x.cn/a.html"), c("http://x.cn/a.html?utm_source=x"));
        assertEquals("http://x.cn/a.html", c("http://x.cn/a.html?"));
    }

    @Test
    void normalisesDotSegments() {
        assertEquals("http://x.cn/news/a.html", c("http://x.cn/news/./list/../a.html"));
    }

    @Test
    void repairsUnencodedCharacters() {
        assertEquals("http://x.cn/%E6%96%B0%E9%97%BB/a%20b.html", c("http://x.cn/新闻/a b.html"));
    }

    @Test
    void refusesWhatIsNotHttp() {
        assertEquals(Optional.empty(), UrlCanonicalizer.canonicalize("javascript:void(0)"));
        assertEquals(Optional.empty(), UrlCanonicalizer.canonicalize("mailto:a@b.cn"));
        assertEquals(Optional.empty(), UrlCanonicalizer.canonicalize("/relative/path"));
        assertEquals(Optional.empty(), UrlCanonicalizer.canonicalize(""));
    }

    @Test
    void resolvesRelativeLinksAndComparesSites() {
        assertEquals(Optional.of("http://x.cn/news/b.html"), Urls.resolve("http://x.cn/news/a.html", "b.html#top"));
        assertEquals(Optional.of("http://x.cn/b.html"), Urls.resolve("http://x.cn/news/a.html", "/b.html"));
        assertEquals(Optional.empty(), Urls.resolve("http://x.cn/", "javascript:;"));
        assertTrue(Urls.sameSite("https://news.sina.com.cn/a", "https://k.sina.com.cn/b"));
        assertFalse(Urls.sameSite("https://news.sina.com.cn/a", "https://news.163.com/b"));
        assertTrue(UrlCanonicalizer.sameHost("www.x.cn", "x.cn"));
    }
}
