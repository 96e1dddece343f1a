package io.yuqing.alerting.rules;

import java.time.Instant;
import java.util.List;

/** When a source's items appeared (the app answers from the document index). */
@FunctionalInterface
public interface SourceActivity {
    /** Item times of the source within [from, to], oldest first. */
    List<Instant> itemTimes(String sourceId, Instant from, Instant to) throws Exception;
}
