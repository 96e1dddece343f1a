package io.yuqing.crawler.source;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.yuqing.crawler.url.Urls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads RSS and Atom feeds (bytes in, no I/O) into entry links, titles and dates. */
public final class FeedParser {

    public SourceParse parse(byte[] body, String contentType, String feedUrl) {
        if (body == null || body.length == 0) {
            return new SourceParse.Unreadable("the feed is empty");
        }
        SyndFeed feed;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentTypeOrXml(contentType), true)) {
            SyndFeedInput input = new SyndFeedInput(false, Locale.ROOT);
            // Feeds come from the internet: no DOCTYPEs, so no external entities.
            input.setAllowDoctypes(false);
            feed = input.build(reader);
        } catch (FeedException | IOException | IllegalArgumentException e) {
            return new SourceParse.Unreadable("not a readable RSS or Atom feed: " + e.getMessage());
        }
        String base = feed.getLink() != null && !feed.getLink().isBlank()
                ? Urls.resolve(feedUrl, feed.getLink()).orElse(feedUrl) : feedUrl;
        List<SourceLink> links = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SyndEntry entry : feed.getEntries()) {
            String href = entryLink(entry);
            if (href == null) {
                continue;
            }
            String resolved = Urls.resolve(base, href).or(() -> Urls.resolve(feedUrl, href)).orElse(null);
            if (resolved == null || !seen.add(resolved)) {
                continue;
            }
            links.add(new SourceLink(resolved, entry.getTitle(), instant(entry.getPublishedDate(), entry.getUpdatedDate())));
        }
        return new SourceParse.Links(links);
    }

    private static String entryLink(SyndEntry entry) {
        if (entry.getLink() != null && !entry.getLink().isBlank()) {
            return entry.getLink();
        }
        for (SyndLink link : entry.getLinks()) {
            if (link.getHref() != null && (link.getRel() == null || link.getRel().equals("alternate"))) {
                return link.getHref();
            }
        }
        String uri = entry.getUri();
        return uri != null && (uri.startsWith("http://") || uri.startsWith("https://")) ? uri : null;
    }

    private static Instant instant(Date published, Date updated) {
        Date d = published != null ? published : updated;
        return d == null ? null : d.toInstant();
    }

    private static String contentTypeOrXml(String contentType) {
        return contentType == null || contentType.isBlank() ? "application/xml" : contentType;
    }
}
