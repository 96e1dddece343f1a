package io.yuqing.crawler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one crawl cycle of one source did.
 *
 * @param linksFound    distinct article links on the source page
 * @param newDocuments  documents handed to the sink
 * @param failures      articles (or the source page itself) that could not be fetched, read or handed on
 * @param problems      one line per failure, for logs and the console
 * @param sourceFailing whether the source has now failed {@link io.yuqing.crawler.state.SourceState#FAILING_AFTER}
 *                      or more cycles in a row (raise a system alert)
 * @param deferredUntil when the cycle did not run because the source is backing off or its host asked us to wait:
 *                      the earliest next attempt; null when the cycle ran
 */
public record CycleReport(String sourceId, int linksFound, int newDocuments, int failures, List<String> problems,
                          Duration took, boolean sourceFailing, Instant deferredUntil) {
    public CycleReport {
        problems = List.copyOf(problems);
    }

    /** A cycle that ran, for a source that is not failing. */
    public CycleReport(String sourceId, int linksFound, int newDocuments, int failures, List<String> problems, Duration took) {
        this(sourceId, linksFound, newDocuments, failures, problems, took, false, null);
    }

    public boolean deferred() {
        return deferredUntil != null;
    }
}
