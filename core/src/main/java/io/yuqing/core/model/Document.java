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
 * @param partOf      the id of the item this one belongs to (a forum reply's opening post), or empty: such an item
 *                    joins that item's story instead of starting one, so a risky thread title does not make every
 *                    reply an alert of its own
 */
public record Document(String id, String url, String sourceId, String title, String text, String author,
                       String outlet, Instant publishedAt, Instant fetchedAt, String partOf) {
    /** A standalone item (an article, a post of its own). */
    public Document(String id, String url, String sourceId, String title, String text, String author, String outlet,
                    Instant publishedAt, Instant fetchedAt) {
        this(id, url, sourceId, title, text, author, outlet, publishedAt, fetchedAt, "");
    }

    public Document {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        id = id == null || id.isBlank() ? DocumentIds.forUrl(url) : id;
        sourceId = sourceId == null ? "" : sourceId;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        author = author == null ? "" : author;
        outlet = outlet == null ? "" : outlet;
        partOf = partOf == null ? "" : partOf;
    }

    /** Publish time when known, else the fetch time: the time the item entered the world as far as we know. */
    public Instant effectiveTime() {
        return publishedAt != null ? publishedAt : fetchedAt;
    }
}
