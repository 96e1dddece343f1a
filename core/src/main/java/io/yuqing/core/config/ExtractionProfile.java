package io.yuqing.core.config;

/**
 * A source's own CSS selectors for its article pages. Each one set overrides the automatic extractor for that field;
 * a selector that finds nothing falls back to the automatic value (and the crawler counts the fallback).
 *
 * @param title      selector of the headline element
 * @param body       selector of the article text (several matches are joined as paragraphs)
 * @param time       selector of the publish time (its datetime or content attribute, else its text)
 * @param author     selector of the author or reporter
 * @param timeFormat java.time pattern of the time text, e.g. {@code yyyy-MM-dd HH:mm}; empty: read like any page date
 */
public record ExtractionProfile(String title, String body, String time, String author, String timeFormat) {
    public ExtractionProfile {
        title = strip(title);
        body = strip(body);
        time = strip(time);
        author = strip(author);
        timeFormat = TimeFormats.normalize(timeFormat);
    }

    /** Throws with a message starting with {@code where} (e.g. "source 'x': extraction") when the profile is unusable. */
    void check(String where) {
        if (title.isEmpty() && body.isEmpty() && time.isEmpty() && author.isEmpty()) {
            throw new IllegalArgumentException(where + " names no selector: set at least one of title, body, time, author");
        }
        TimeFormats.check(where, timeFormat);
    }

    static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
