package io.yuqing.crawler.source;

import java.time.OffsetDateTime;

/**
 * One item of a JSON API, read through the source's field mapping.
 *
 * @param url         absolute URL of the item (resolved against the API URL)
 * @param publishedAt publish time, or null when not mapped or not given
 */
public record JsonItem(String url, String title, String text, String author, String outlet, OffsetDateTime publishedAt) {
    public JsonItem {
        outlet = outlet == null ? "" : outlet;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        author = author == null ? "" : author;
    }
}
