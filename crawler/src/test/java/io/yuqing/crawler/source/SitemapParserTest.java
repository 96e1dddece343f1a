package io.yuqing.crawler.source;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SitemapParserTest {
    private final SitemapParser parser = new SitemapParser();

    private SitemapParser.Result parse(String xml, String url) {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8), "application/xml", url);
    }

    @Test
    void newsSitemapGivesLinksWithPublicationDateAndTitle() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
                  <url>
                    <loc>https://news.example.cn/a/1.html</loc>
                    <lastmod>2024-11-24T10:00:00+08:00</lastmod>
                    <news:news>
                      <news:publication><news:name>青州日报</news:name><news:language>zh</news:language></news:publication>
                      <news:publication_date>2024-11-24T08:30:00+08:00</news:publication_date>
                      <news:title>某公司拖欠员工工资</news:title>
                    </news:news>
                  </url>
                  <url><loc>https://news.example.cn/a/2.html</loc><lastmod>2024-11-23</lastmod></url>
                  <url><loc>https://news.example.cn/a/3.html</loc></url>
                  <url><loc>https://elsewhere.example.com/a/4.html</loc></url>
                </urlset>""";
        List<SourceLink> links = assertInstanceOf(SitemapParser.Result.Links.class,
                parse(xml, "https://news.example.cn/sitemap-news.xml")).links();
        assertEquals(List.of("https://news.example.cn/a/1.html", "https://news.example.cn/a/2.html",
                "https://news.example.cn/a/3.html"), links.stream().map(SourceLink::url).toList(), "other hosts are dropped");
        assertEquals("某公司拖欠员工工资", links.get(0).title());
        assertEquals(Instant.parse("2024-11-24T00:30:00Z"), links.get(0).publishedAt(), "publication_date wins over lastmod");
        assertTrue(links.get(1).publishedAt() != null, "lastmod when there is no news block");
        assertNull(links.get(2).publishedAt());
    }

    @Test
    void sitemapIndexGivesTheChildSitemaps() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>https://news.example.cn/sitemap-2024-11.xml</loc><lastmod>2024-11-24</lastmod></sitemap>
                  <sitemap><loc>https://news.example.cn/sitemap-news.xml</loc></sitemap>
                </sitemapindex>""";
        assertEquals(List.of("https://news.example.cn/sitemap-2024-11.xml", "https://news.example.cn/sitemap-news.xml"),
                assertInstanceOf(SitemapParser.Result.Index.class, parse(xml, "https://news.example.cn/sitemap.xml")).sitemapUrls());
    }

    @Test
    void brokenOrHostileInputIsUnreadableNotAnException() {
        assertInstanceOf(SitemapParser.Result.Unreadable.class, parser.parse(new byte[0], "application/xml", "https://a.cn/s.xml"));
        assertInstanceOf(SitemapParser.Result.Unreadable.class, parse("<html><body>不是站点地图</body></html>", "https://a.cn/s.xml"));
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.cn/&x;</loc></url></urlset>""";
        SitemapParser.Result r = parse(xxe, "https://a.cn/s.xml");
        if (r instanceof SitemapParser.Result.Links l) {
            assertTrue(l.links().stream().noneMatch(s -> s.url().contains("root")), "no external entity was expanded");
        }
        assertInstanceOf(SitemapParser.Result.Unreadable.class, parser.parse("x".getBytes(StandardCharsets.UTF_8), "application/xml", "not a url"));
    }
}
