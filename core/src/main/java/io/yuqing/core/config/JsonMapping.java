package io.yuqing.core.config;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * Where a JSON API's items and their fields are, as JSON Pointers (RFC 6901): {@code items} from the document root,
 * the others from each item.
 *
 * @param items      the array of items, e.g. {@code /data/list}; empty: the document itself is the array
 * @param url        the item's link (required: it identifies the item)
 * @param title      the item's title
 * @param text       the item's text
 * @param time       the publish time: a string (read with timeFormat, else like any page date) or epoch seconds or
 *                   milliseconds
 * @param author     the author
 * @param timeFormat java.time pattern of string times; empty: read like any page date
 * @param outlet     the outlet (来源) an aggregated feed names for the item, e.g. {@code /source}; optional
 */
public record JsonMapping(String items, String url, String title, String text, String time, String author,
                          String timeFormat, String outlet) {
    public JsonMapping {
        items = ExtractionProfile.strip(items);
        url = ExtractionProfile.strip(url);
        title = ExtractionProfile.strip(title);
        text = ExtractionProfile.strip(text);
        time = ExtractionProfile.strip(time);
        author = ExtractionProfile.strip(author);
        timeFormat = TimeFormats.normalize(timeFormat);
        outlet = ExtractionProfile.strip(outlet);
    }

    /** A mapping without an outlet field. */
    public JsonMapping(String items, String url, String title, String text, String time, String author, String timeFormat) {
        this(items, url, title, text, time, author, timeFormat, "");
    }

    void check(String where) {
        pointer(where, "items", items);
        if (url.isEmpty()) {
            throw new IllegalArgumentException(where + ".url is required: the JSON Pointer of each item's link (e.g. /link)");
        }
        if (title.isEmpty() && text.isEmpty()) {
            throw new IllegalArgumentException(where + ": map at least one of title and text");
        }
        pointer(where, "url", url);
        pointer(where, "title", title);
        pointer(where, "text", text);
        pointer(where, "time", time);
        pointer(where, "author", author);
        pointer(where, "outlet", outlet);
        TimeFormats.check(where, timeFormat);
    }

    private static void pointer(String where, String field, String value) {
        if (value.isEmpty()) {
            return;
        }
        try {
            JsonPointer.compile(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "." + field + " '" + value
                    + "' is not a JSON Pointer (it starts with /, e.g. /data/list): " + e.getMessage());
        }
    }
}
