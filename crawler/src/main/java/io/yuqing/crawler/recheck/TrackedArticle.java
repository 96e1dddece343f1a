package io.yuqing.crawler.recheck;

import java.time.Instant;

/**
 * A stored article being re-checked.
 *
 * @param checksDone  scheduled re-checks taken so far (an index into the configured {@code after} steps)
 * @param contentHash hash of the version last seen ({@link TextChange#hash})
 * @param title       title of the version last seen
 * @param text        text of the version last seen
 * @param suspected   why the page looked deleted at the last check, awaiting confirmation; empty if it did not
 */
public record TrackedArticle(String docId, String url, String sourceId, Instant firstSeen, int checksDone,
                             String contentHash, String title, String text, String suspected) {
    public TrackedArticle {
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        suspected = suspected == null ? "" : suspected;
    }

    public boolean suspectedDeleted() {
        return !suspected.isEmpty();
    }
}
