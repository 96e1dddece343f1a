package io.yuqing.crawler;

import java.time.Duration;
import java.util.List;

/**
 * What one crawl cycle of one source did.
 *
 * @param linksFound   distinct article links on the source page
 * @param newDocuments documents handed to the sink
 * @param failures     articles (or the source page itself) that could not be fetched, read or handed on
 * @param problems     one line per failure, for logs and the console
 */
public record CycleReport(String sourceId, int linksFound, int newDocuments, int failures, List<String> problems,
                          Duration took) {
    public CycleReport {
        problems = List.copyOf(problems);
    }
}
