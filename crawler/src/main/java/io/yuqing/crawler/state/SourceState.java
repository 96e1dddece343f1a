package io.yuqing.crawler.state;

import java.time.Instant;

/**
 * How one source has been doing.
 *
 * @param lastSuccess         last cycle whose source page was fetched and read, or null
 * @param consecutiveFailures failed cycles since the last success
 * @param lastError           the last failure's message, or empty
 * @param etag                validator of the last source page response, or empty
 * @param lastModified        Last-Modified of the last source page response, or empty
 */
public record SourceState(String sourceId, Instant lastAttempt, Instant lastSuccess, int consecutiveFailures,
                          String lastError, String etag, String lastModified) {
    public SourceState {
        lastError = lastError == null ? "" : lastError;
        etag = etag == null ? "" : etag;
        lastModified = lastModified == null ? "" : lastModified;
    }

    /** Consecutive failed cycles from which a source counts as failing (the app raises a system alert). */
    public static final int FAILING_AFTER = 3;

    /** Whether the last {@link #FAILING_AFTER} or more cycles all failed. */
    public boolean failing() {
        return consecutiveFailures >= FAILING_AFTER;
    }

    public static SourceState never(String sourceId) {
        return new SourceState(sourceId, null, null, 0, "", "", "");
    }
}
