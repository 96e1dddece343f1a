package io.yuqing.app.demo;

import io.yuqing.core.text.Html;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static io.yuqing.core.text.Html.escape;

/** The RSS 2.0 feed of the demo portal: every article, newest first. */
final class DemoFeed {
    static final String CONTENT_TYPE = "application/rss+xml; charset=utf-8";

    private DemoFeed() {
    }

    static SitePage render(List<DemoArticle> articles, String baseUrl, Instant now) {
        StringBuilder xml = new StringBuilder(16_384);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
                .append("<title>").append(PortalLayout.SITE_NAME).append("</title>\n")
                .append("<link>").append(escape(baseUrl)).append("/</link>\n")
                .append("<description>青州市本地新闻：时政、社会、企业与民生</description>\n")
                .append("<language>zh-cn</language>\n")
                .append("<lastBuildDate>").append(rfc1123(now)).append("</lastBuildDate>\n")
                .append("<atom:link href=\"").append(escape(baseUrl)).append("/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n");
        for (DemoArticle a : articles) {
            xml.append("<item>\n")
                    .append("<title>").append(escape(a.title())).append("</title>\n")
                    .append("<link>").append(escape(a.url())).append("</link>\n")
                    .append("<guid isPermaLink=\"true\">").append(escape(a.url())).append("</guid>\n")
                    .append("<pubDate>").append(rfc1123(a.publishedAt())).append("</pubDate>\n")
                    .append("<description>").append(escape(DemoPages.summary(a))).append("</description>\n")
                    .append("</item>\n");
        }
        xml.append("</channel>\n</rss>\n");
        return new SitePage(xml.toString().getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
    }

    static String rfc1123(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
