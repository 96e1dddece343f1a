package io.yuqing.indexer.store;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters every document store exports, under one set of names: the dashboards and alerting rules query them,
 * whichever backend runs.
 */
final class StoreMetrics {
    private StoreMetrics() {
    }

    /** Counter {@code yuqing.documents.indexed} (documents written since start) and gauge {@code yuqing.index.documents}. */
    static void bind(MeterRegistry registry, AtomicLong indexedTotal, DocumentStore store) {
        FunctionCounter.builder("yuqing.documents.indexed", indexedTotal, AtomicLong::get)
                .description("Documents written to the index (new and updated)")
                .register(registry);
        Gauge.builder("yuqing.index.documents", store, StoreMetrics::countOrNaN)
                .description("Documents in the index")
                .register(registry);
    }

    /** An unreachable index reads as no value rather than failing the scrape. */
    private static double countOrNaN(DocumentStore store) {
        try {
            return store.count();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
