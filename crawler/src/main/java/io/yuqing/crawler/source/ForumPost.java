package io.yuqing.crawler.source;

import java.time.OffsetDateTime;

/**
 * One post of a forum thread: the opening post or a reply.
 *
 * @param url         the thread's canonical URL with {@code #post-<id>}: stable across cycles, so each post is one item
 * @param opening     whether this is the thread's first post
 * @param title       the thread title; replies carry it as 回复：title
 * @param author      the poster, or empty
 * @param publishedAt when it was posted, or null when the page does not say
 * @param text        the post's own text (quoted earlier posts left out)
 */
public record ForumPost(String url, boolean opening, String title, String author, OffsetDateTime publishedAt, String text) {
    public ForumPost {
        title = title == null ? "" : title;
        author = author == null ? "" : author;
        text = text == null ? "" : text;
    }
}
