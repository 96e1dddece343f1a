package io.yuqing.crawler.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageSanitizerTest {
    private static final String HOSTILE = """
            <html><head><title>恒达建设欠薪</title><style>body{background:url(https://evil.example/t.png)}</style>
            <script>document.cookie</script><meta http-equiv="refresh" content="0;url=https://evil.example/">
            <base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css"></head>
            <body onload="steal()"><h1 style="color:red">恒达建设拖欠农民工工资</h1>
            <p class="lead" onclick="x()">数十名工人<b>聚集讨薪</b>。<img src="https://tracker.example/p.gif" onerror="alert(1)"></p>
            <iframe src="https://evil.example/frame"></iframe><object data="x.swf"></object><svg onload="alert(2)"><a href="#"></a></svg>
            <form action="https://evil.example/phish"><input name="password"><button>登录</button></form>
            <a href="javascript:alert(3)">点我</a> <a href="/news/2.html">相关报道</a> <a href="data:text/html,<script>alert(4)</script>">数据</a>
            <table><tr><td colspan="2" onmouseover="y()">表格</td></tr></table><noscript><img src="https://t.example/n.gif"></noscript>
            </body></html>
            """;

    @Test
    void nothingThatRunsOrLoadsSurvivesAndTheTextDoes() {
        Document page = Jsoup.parse(HOSTILE, "https://news.example.cn/a/1.html");
        String copy = PageSanitizer.sanitize(page);
        String lower = copy.toLowerCase(Locale.ROOT);
        for (String banned : new String[]{"<script", "<style", "<iframe", "<object", "<form", "<input", "<img", "<svg",
                "<meta", "<base", "<link", "onload", "onclick", "onerror", "onmouseover", "style=", "javascript:", "data:",
                "t.png", "x.css", "evil.example/frame", "evil.example/phish", "refresh", "tracker.example", "t.example"}) {
            assertFalse(lower.contains(banned), banned + " in " + copy);
        }
        assertTrue(copy.contains("恒达建设拖欠农民工工资") && copy.contains("<b>聚集讨薪</b>") && copy.contains("表格"), copy);
        // Relative links become absolute, resolved as the original page resolved them (its <base> included).
        assertTrue(copy.contains("href=\"https://evil.example/news/2.html\""), copy);
        assertTrue(copy.contains("rel=\"noopener noreferrer nofollow\""), copy);
        assertTrue(copy.contains("colspan=\"2\""), copy);
        assertTrue(page.html().contains("<script>"), "the parsed page itself is left as it was for extraction");
    }

    @Test
    void aHugePageIsCutBeforeATag() {
        StringBuilder html = new StringBuilder("<html><body>");
        while (html.length() < PageSanitizer.MAX_CHARS * 2) {
            html.append("<p>恒达建设 <a href=\"https://news.example.cn/x\">链接</a> 段落文字</p>");
        }
        String copy = PageSanitizer.sanitize(Jsoup.parse(html.toString(), "https://news.example.cn/"));
        assertTrue(copy.length() <= PageSanitizer.MAX_CHARS);
        int lastOpen = copy.lastIndexOf('<');
        assertTrue(copy.indexOf('>', lastOpen) > 0, "no tag is left half-written at the cut");
    }

    @Test
    void extractPageGivesTheSameExtractionAndACopyFromOneRead() {
        byte[] gbk = ("<html><head><meta charset=\"gbk\"><title>恒达建设欠薪 - 新闻网</title></head><body><h1>恒达建设欠薪</h1>"
                + "<div class=\"article\"><p>青州恒达建设集团有限公司承建的工地拖欠农民工工资，数十名工人聚集讨薪，劳动监察部门已介入调查处理。</p>"
                + "<p>工人表示，工资已拖欠三个月，多次讨要未果。</p></div><script>x()</script></body></html>")
                .getBytes(java.nio.charset.Charset.forName("GBK"));
        ArticleExtractor extractor = new ArticleExtractor();
        Instant now = Instant.parse("2026-11-25T02:00:00Z");
        ExtractedPage page = extractor.extractPage(gbk, "text/html", "https://news.example.cn/a/1.html", now);
        assertEquals(extractor.extract(gbk, "text/html", "https://news.example.cn/a/1.html", now), page.extraction());
        assertTrue(page.sanitizedHtml().contains("拖欠农民工工资"), "decoded from GBK: " + page.sanitizedHtml());
        assertFalse(page.sanitizedHtml().contains("<script"));
        assertEquals("", extractor.extractPage(new byte[0], "text/html", "https://news.example.cn/", now).sanitizedHtml()
                .replace("\n", "").strip(), "an empty page gives an empty copy");
        assertTrue(new String(gbk, java.nio.charset.Charset.forName("GBK")).contains("恒达"));
        assertFalse(new String(gbk, StandardCharsets.UTF_8).contains("恒达"), "the fixture really is GBK");
    }
}
