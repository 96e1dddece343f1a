package io.yuqing.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A sanitised copy of the page a document was read from, kept so reviewers still see it after the original is edited
 * or deleted (删帖).
 *
 * @param url           the page's address when it was fetched
 * @param sanitizedHtml the page body with nothing that runs or loads (the crawler's PageSanitizer)
 * @param fetchedAt     when it was fetched
 */
public record PageCopy(String url, String sanitizedHtml, Instant fetchedAt) {
    public PageCopy {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sanitizedHtml, "sanitizedHtml");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }
}
