package io.yuqing.crawler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The crawler's meters; names and tags are what the dashboards query, so they do not change. */
final class CrawlMetrics {
    static final String FETCHES = "yuqing.crawler.fetches";
    static final String DOCUMENTS_FETCHED = "yuqing.documents.fetched";
    static final String DOCUMENTS_FAILED = "yuqing.documents.failed";
    static final String FETCH_LATENCY = "yuqing.crawler.fetch.latency";
    static final String CYCLES = "yuqing.crawler.cycles";
    static final String PROFILE_FALLBACKS = "yuqing.crawler.profile.fallbacks";
    static final String BYTES = "yuqing.crawler.bytes";
    static final String WIRE_BYTES = "yuqing.crawler.wire.bytes";
    static final String FRESHNESS_LAG = "yuqing.crawler.freshness.lag";
    /** Buckets of the freshness lag: from "within a minute" to "a week late". */
    private static final java.time.Duration[] LAG_BUCKETS = {
            java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(15),
            java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(1), java.time.Duration.ofHours(3),
            java.time.Duration.ofHours(6), java.time.Duration.ofHours(12), java.time.Duration.ofDays(1),
            java.time.Duration.ofDays(3), java.time.Duration.ofDays(7)};

    private final MeterRegistry registry;

    CrawlMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void fetch(String source, String outcome) {
        Counter.builder(FETCHES).description("HTTP fetches by outcome (ok, not_modified, failed)")
                .tag("source", source).tag("outcome", outcome).register(registry).increment();
    }

    Timer latency(String source) {
        return Timer.builder(FETCH_LATENCY).description("Time to fetch one URL, redirects and politeness wait included")
                .tag("source", source).register(registry);
    }

    Timer.Sample startTimer() {
        return Timer.start(registry);
    }

    void documentFetched(String source) {
        Counter.builder(DOCUMENTS_FETCHED).description("New article documents handed to the pipeline")
                .tag("source", source).register(registry).increment();
    }

    void documentFailed(String source, String reason) {
        Counter.builder(DOCUMENTS_FAILED).description("Articles that could not be fetched, read or handed on")
                .tag("source", source).tag("reason", reason).register(registry).increment();
    }

    /** Body bytes of a 2xx response: decoded, and as they came over the wire (smaller when compressed). */
    void bytes(String source, long decoded, long wire) {
        Counter.builder(BYTES).description("Body bytes fetched, after gzip/deflate decoding").baseUnit("bytes")
                .tag("source", source).register(registry).increment(decoded);
        Counter.builder(WIRE_BYTES).description("Body bytes fetched as they came over the wire, before decoding")
                .baseUnit("bytes").tag("source", source).register(registry).increment(wire);
    }

    /** From an article's publish time to the moment we fetched it. */
    void freshnessLag(String source, java.time.Duration lag) {
        Timer.builder(FRESHNESS_LAG).description("Time from an article's publish time to its fetch")
                .serviceLevelObjectives(LAG_BUCKETS)
                .maximumExpectedValue(java.time.Duration.ofDays(7))
                .tag("source", source).register(registry).record(lag);
    }

    void cycle(String source) {
        Counter.builder(CYCLES).description("Finished crawl cycles").tag("source", source).register(registry).increment();
    }

    void profileFallback(String source, String field) {
        Counter.builder(PROFILE_FALLBACKS)
                .description("Article pages where a source's extraction profile selector found nothing (automatic value used)")
                .tag("source", source).tag("field", field).register(registry).increment();
    }
}
