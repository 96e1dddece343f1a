package io.yuqing.crawler.extract;

import io.yuqing.crawler.support.Pages;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArticleExtractorTest {
    private final ArticleExtractor extractor = new ArticleExtractor();
    private static final String URL = "http://news.qingzhou.example.cn/society/2024/1124/123.html";

    @Test
    void readsARealisticChineseArticle() {
        Extraction x = extractor.extract(Pages.standardArticle("<meta charset=\"utf-8\">").getBytes(StandardCharsets.UTF_8),
                "text/html", URL);
        assertEquals(Pages.HEADLINE, x.title());
        assertEquals(String.join("\n", Pages.PARAGRAPHS), x.text());
        assertEquals("王晓明", x.author());
        assertEquals("青州日报", x.outlet());
        assertEquals(OffsetDateTime.of(2024, 11, 24, 14, 52, 0, 0, ZoneOffset.ofHours(8)), x.publishedAt());
        assertEquals(URL, x.url());
        assertEquals("UTF-8", x.charset());
    }

    @Test
    void boilerplateStaysOutOfTheText() {
        Extraction x = extractor.extract(Pages.standardArticle("<meta charset=\"utf-8\">").getBytes(StandardCharsets.UTF_8),
                "text/html", URL);
        for (String noise : new String[]{"首页", "相关阅读", "分享到", "网友甲", "版权所有", "广告脚本", "营商环境推进会"}) {
            assertFalse(x.text().contains(noise), "text must not contain " + noise + ":\n" + x.text());
        }
    }

    @Test
    void gbkPageWithMetaAndWithout() {
        Charset gbk = Charset.forName("GBK");
        Extraction withMeta = extractor.extract(Pages.standardArticle("<meta charset=\"gbk\">").getBytes(gbk), "text/html", URL);
        Extraction without = extractor.extract(Pages.standardArticle("").getBytes(gbk), "text/html", URL);
        for (Extraction x : new Extraction[]{withMeta, without}) {
            assertEquals(Pages.HEADLINE, x.title());
            assertTrue(x.text().contains(Pages.PARAGRAPHS[1]), x.text());
            assertEquals("GB18030", x.charset());
        }
    }

    @Test
    void metadataDatesAndBylinesWin() {
        String html = """
                <html><head><title>某食品厂被查 - 青州晚报</title>
                <meta property="og:title" content="某食品厂被查出使用过期原料">
                <meta name="author" content="陈静">
                <meta property="article:published_time" content="2024-03-05T08:30:00Z">
                <link rel="canonical" href="https://www.qzwb.example.cn/a/555.html?utm_source=feed">
                </head><body><h2>无关的栏目标题</h2>
                <div><p>市市场监管局3月4日通报，某食品厂在抽检中被查出使用过期原料，已被立案查处，涉事产品全部下架封存。</p>
                <p>该局提醒消费者，购买食品时注意查看生产日期和保质期，发现问题可拨打12315投诉举报。</p></div>
                </body></html>""";
        Extraction x = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8",
                "https://m.qzwb.example.cn/a/555.html");
        assertEquals("某食品厂被查出使用过期原料", x.title());
        assertEquals("陈静", x.author());
        assertEquals(OffsetDateTime.parse("2024-03-05T08:30:00Z"), x.publishedAt());
        assertEquals("https://www.qzwb.example.cn/a/555.html", x.url(), "same-site canonical, without tracking");
        assertTrue(x.text().startsWith("市市场监管局3月4日通报"), x.text());
    }

    @Test
    void jsonLdDateAndTimeElement() {
        String jsonLd = """
                <html><head><title>标题</title><script type="application/ld+json">
                {"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2023-12-01T09:15:00+08:00"}
                </script></head><body><p>正文内容，有标点。</p></body></html>""";
        assertEquals(OffsetDateTime.parse("2023-12-01T09:15:00+08:00"),
                extractor.extractHtml(jsonLd, URL, "UTF-8").publishedAt());
        String time = "<html><body><h1>标题文字在此</h1><time datetime=\"2022-06-30\">昨天</time><p>正文，内容。</p></body></html>";
        assertEquals(OffsetDateTime.parse("2022-06-30T00:00:00+08:00"), extractor.extractHtml(time, URL, "UTF-8").publishedAt());
    }

    @Test
    void canonicalOnAnotherSiteIsIgnored() {
        String html = "<html><head><link rel=canonical href=\"https://evil.example.com/x\"></head><body><p>正文。</p></body></html>";
        assertEquals(URL, extractor.extractHtml(html, URL, "UTF-8").url());
    }

    @Test
    void siteSuffixesAreStrippedFromTitles() {
        assertEquals("某公司发生安全事故 三人受伤", TitleExtractor.stripSiteName("某公司发生安全事故 三人受伤_新浪新闻"));
        assertEquals("某公司发生安全事故", TitleExtractor.stripSiteName("某公司发生安全事故 - 青州日报"));
        assertEquals("某公司发生安全事故", TitleExtractor.stripSiteName("某公司发生安全事故|社会|青州新闻网"));
        assertEquals("COVID-19疫情下的中小企业", TitleExtractor.stripSiteName("COVID-19疫情下的中小企业"));
    }

    @Test
    void chineseDatePatterns() {
        assertEquals(OffsetDateTime.parse("2024-11-24T14:52:00+08:00"), DateTexts.parseFirst("2024年11月24日 14:52").orElseThrow());
        assertEquals(OffsetDateTime.parse("2024-11-24T14:52:07+08:00"), DateTexts.parseFirst("2024-11-24 14:52:07").orElseThrow());
        assertEquals(OffsetDateTime.parse("2024-11-24T00:00:00+08:00"), DateTexts.parseFirst("2024/11/24").orElseThrow());
        assertEquals(OffsetDateTime.parse("2024-02-29T00:00:00+08:00"), DateTexts.parseFirst("2024-02-30 2024-02-29").orElseThrow());
        assertTrue(DateTexts.parseFirst("电话 2024-13-45").isEmpty());
    }

    @Test
    void pageWithoutDateHasNone() {
        assertNull(extractor.extractHtml("<html><body><p>没有日期的正文，只有文字。</p></body></html>", URL, "UTF-8").publishedAt());
    }

    @Test
    void malformedAndHostileHtmlNeverThrows() {
        String[] pages = {
                "",
                "<<<>>><html<body><p>未闭合的标签<div><span>乱七八糟</p></div></table></td>",
                "<html><head><title>只有标题</title></head></html>",
                "\u0000\u0001\u0002二进制垃圾\uFFFF<script>",
                "<meta charset=\"utf-8\"><p>" + "深".repeat(100_000) + "</p>",
                "<div>".repeat(20_000) + "深层嵌套的正文，有标点。" + "</div>".repeat(20_000),
                "<html><body><a href=\"javascript:alert(1)\">链接</a><a href=\"http://[::1\">坏链接</a></body></html>",
                "<script type=\"application/ld+json\">{not json</script><time datetime=\"yesterday\">x</time>",
        };
        for (String page : pages) {
            Extraction x = extractor.extract(page.getBytes(StandardCharsets.UTF_8), "text/html", URL);
            assertNotNull(x);
            assertNotNull(x.text());
        }
        assertNotNull(extractor.extract((byte[]) null, null, "not a url"));
        assertNotNull(extractor.extract(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 0, 1}, "text/html; charset=x-unknown", URL));
    }

    @Test
    void deeplyNestedTextIsStillFound() {
        String html = "<div>".repeat(5_000) + "<p>深层嵌套的正文，有标点。仍然可以读到。</p>" + "</div>".repeat(5_000);
        assertTrue(extractor.extractHtml(html, URL, "UTF-8").text().contains("深层嵌套的正文"));
    }
}
