package io.yuqing.crawler.source;

import java.time.Instant;

/**
 * One article link found on a source page.
 *
 * @param url         canonical absolute URL
 * @param title       the link or entry title, or empty
 * @param publishedAt the feed entry's date, or null
 */
public record SourceLink(String url, String title, Instant publishedAt) {
    public SourceLink {
        title = title == null ? "" : title.strip();
    }
}
