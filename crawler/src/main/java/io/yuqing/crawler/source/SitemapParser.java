package io.yuqing.crawler.source;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads XML sitemaps, Google news sitemaps and sitemap indexes (bytes in, no I/O) with crawler-commons. A sitemap
 * yields article links, dated by news:publication_date when present, else by lastmod; a sitemap index yields the
 * child sitemaps to fetch next. Doctypes are refused (no external entities); URLs on other hosts are dropped, as the
 * sitemap protocol requires.
 */
public final class SitemapParser {

    /** What one sitemap document holds. */
    public sealed interface Result {
        /** A sitemap of pages. */
        record Links(List<SourceLink> links) implements Result {
            public Links {
                links = List.copyOf(links);
            }
        }

        /** A sitemap index: the sitemaps it lists, to be fetched and parsed in turn. */
        record Index(List<String> sitemapUrls) implements Result {
            public Index {
                sitemapUrls = List.copyOf(sitemapUrls);
            }
        }

        record Unreadable(String message) implements Result {
        }
    }

    public Result parse(byte[] body, String contentType, String sitemapUrl) {
        if (body == null || body.length == 0) {
            return new Result.Unreadable("the sitemap is empty");
        }
        URL url;
        try {
            url = URI.create(sitemapUrl).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            return new Result.Unreadable("not a sitemap URL: " + sitemapUrl);
        }
        crawlercommons.sitemaps.SiteMapParser parser = new crawlercommons.sitemaps.SiteMapParser(true, false);
        parser.setAllowDocTypeDefinitions(false);
        parser.enableExtension(Extension.NEWS);
        AbstractSiteMap parsed;
        try {
            parsed = parser.parseSiteMap(contentType == null || contentType.isBlank() ? "application/xml" : contentType, body, url);
        } catch (UnknownFormatException | IOException | RuntimeException e) {
            return new Result.Unreadable("not a readable sitemap: " + e.getMessage());
        }
        return switch (parsed) {
            case SiteMapIndex index -> {
                Set<String> children = new LinkedHashSet<>();
                for (AbstractSiteMap child : index.getSitemaps()) {
                    children.add(child.getUrl().toString());
                }
                yield new Result.Index(new ArrayList<>(children));
            }
            case SiteMap map -> {
                List<SourceLink> links = new ArrayList<>();
                Set<String> seen = new LinkedHashSet<>();
                for (SiteMapURL entry : map.getSiteMapUrls()) {
                    String link = entry.getUrl().toString();
                    if (entry.isValid() && seen.add(link)) {
                        NewsAttributes news = news(entry);
                        String title = news == null || news.getTitle() == null ? "" : news.getTitle();
                        links.add(new SourceLink(link, title, published(entry, news)));
                    }
                }
                yield new Result.Links(links);
            }
            default -> new Result.Unreadable("unexpected sitemap type " + parsed.getType());
        };
    }

    private static NewsAttributes news(SiteMapURL entry) {
        ExtensionMetadata[] attributes = entry.getAttributesForExtension(Extension.NEWS);
        if (attributes != null) {
            for (ExtensionMetadata a : attributes) {
                if (a instanceof NewsAttributes n) {
                    return n;
                }
            }
        }
        return null;
    }

    private static Instant published(SiteMapURL entry, NewsAttributes news) {
        if (news != null && news.getPublicationDateTime() != null) {
            return news.getPublicationDateTime().toInstant();
        }
        return entry.getLastModified() == null ? null : entry.getLastModified().toInstant();
    }
}
