package io.yuqing.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One crawled and extracted item: an article, a post, a feed entry.
 *
 * @param id          stable id derived from the canonical URL (see {@link DocumentIds})
 * @param url         canonical URL of the item
 * @param sourceId    the configured source that found it
 * @param title       extracted title, without site suffixes
 * @param text        extracted main text (plain text, paragraphs separated by newlines)
 * @param author      author, or empty
 * @param outlet      the outlet named in the page (来源), or empty
 * @param publishedAt publish time, or null when the page does not say
 * @param fetchedAt   when we fetched it
 */
public record Document(String id, String url, String sourceId, String title, String text, String author,
                       String outlet, Instant publishedAt, Instant fetchedAt) {
    public Document {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        id = id == null || id.isBlank() ? DocumentIds.forUrl(url) : id;
        sourceId = sourceId == null ? "" : sourceId;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        author = author == null ? "" : author;
        outlet = outlet == null ? "" : outlet;
    }

    /** Publish time when known, else the fetch time: the time the item entered the world as far as we know. */
    public Instant effectiveTime() {
        return publishedAt != null ? publishedAt : fetchedAt;
    }
}
