package io.yuqing.crawler;

import io.yuqing.core.config.SourceConfig;
import io.yuqing.core.pipeline.DocumentSink;
import io.yuqing.crawler.state.SourceState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One kind of source's crawl cycle: from the source's own pages to documents handed to the sink. {@link Crawler}
 * decides whether a cycle runs at all (backoff, host pauses, unusable settings) and picks the cycle by source kind.
 */
sealed interface SourceCycle permits ArticleListCycle, SearchCycle, ForumCycle, JsonApiCycle {

    /**
     * A cycle about to run.
     *
     * @param started  when the cycle began (its report's duration counts from here)
     * @param problems the cycle's problems; hand-overs on other threads add to it, so it is synchronized
     * @param before   the source's crawl state before this cycle (validators for conditional GET)
     * @param headers  the source's own request headers, {@code ${NAME}} values resolved
     */
    record Run(SourceConfig source, DocumentSink sink, Instant started, List<String> problems, SourceState before,
               Map<String, String> headers) {
    }

    CycleReport run(Run run);
}
