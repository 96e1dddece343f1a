package io.yuqing.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One place news comes from.
 *
 * @param linkSelector        html-list: CSS selector of article links
 * @param linkPattern         html-list: regex an article URL must match (empty: any same-site link)
 * @param allowPrivateNetwork whether loopback, private and link-local addresses may be fetched
 */
public record SourceConfig(String id, String name, Kind kind, String url, Duration every, String linkSelector,
                           String linkPattern, boolean allowPrivateNetwork) {

    public enum Kind {
        RSS, HTML_LIST, SITEMAP;

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Kind parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "rss", "atom", "feed" -> RSS;
                case "html-list", "html_list", "list" -> HTML_LIST;
                case "sitemap", "news-sitemap" -> SITEMAP;
                default -> throw new IllegalArgumentException("unknown source kind '" + text + "' (expected rss, html-list or sitemap)");
            };
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return switch (this) {
                case RSS -> "rss";
                case HTML_LIST -> "html-list";
                case SITEMAP -> "sitemap";
            };
        }
    }

    public SourceConfig {
        id = Ids.require("source", id);
        name = name == null || name.isBlank() ? id : name.strip();
        if (kind == null) {
            throw new IllegalArgumentException("source '" + id + "': kind is required (rss, html-list or sitemap)");
        }
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException(url == null || url.isBlank()
                    ? "source '" + id + "': url is missing (the address of its feed, list page or sitemap)"
                    : "source '" + id + "': url must be an absolute http(s) URL, not '" + url + "'");
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source '" + id + "': url is not a valid URL: " + e.getMessage());
        }
        every = every == null ? Duration.ofMinutes(10) : every;
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("source '" + id + "': every must be at least 1s");
        }
        linkSelector = linkSelector == null || linkSelector.isBlank() ? "a[href]" : linkSelector.strip();
        linkPattern = linkPattern == null ? "" : linkPattern.strip();
        if (!linkPattern.isEmpty()) {
            try {
                Pattern.compile(linkPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("source '" + id + "': linkPattern is not a valid regular expression: "
                        + e.getDescription());
            }
        }
    }
}
