package io.yuqing.crawler.extract;

import java.time.OffsetDateTime;

/**
 * What was read from one article page.
 *
 * @param url         canonical URL: the page's rel=canonical when on the same site, else the fetched URL
 * @param text        main text, paragraphs separated by "\n"
 * @param author      author or reporter, or empty
 * @param outlet      the outlet named as 来源, or empty
 * @param publishedAt publish time, or null when the page does not say
 * @param charset     the charset the bytes were decoded with
 */
public record Extraction(String url, String title, String text, String author, String outlet,
                         OffsetDateTime publishedAt, String charset) {
    public Extraction {
        url = url == null ? "" : url;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        author = author == null ? "" : author;
        outlet = outlet == null ? "" : outlet;
        charset = charset == null ? "" : charset;
    }
}
