package io.yuqing.core.config;

/**
 * How many pages of an html-list source a cycle reads: the list page and the pages its "next" links lead to.
 *
 * @param pages how many list pages at most (1: the first only)
 * @param next  CSS selector of the link to the next page; empty: {@code rel=next} or a link reading 下一页 / next / ›
 */
public record ListPaging(int pages, String next) {
    /** Deeper than this is an archive crawl, not watching for news. */
    public static final int MAX_PAGES = 20;

    public ListPaging {
        next = next == null ? "" : next.strip();
    }

    void check(String where) {
        if (pages < 1 || pages > MAX_PAGES) {
            throw new IllegalArgumentException(where + ": pages must be between 1 and " + MAX_PAGES + ", not " + pages);
        }
    }
}
