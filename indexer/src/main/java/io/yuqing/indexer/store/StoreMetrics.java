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

    /**
     * Counter {@code yuqing.documents.indexed} (documents written since start), gauge {@code yuqing.index.documents},
     * and the write-outcome meters of {@link WriteFailures#bind}.
     */
    static void bind(MeterRegistry registry, AtomicLong indexedTotal, WriteFailures writes, DocumentStore store) {
        writes.bind(registry);
        FunctionCounter.builder("yuqing.documents.indexed", indexedTotal, AtomicLong::get)
                .description("Documents written to the index (new and updated)")
                .register(registry);
        Gauge.builder("yuqing.index.documents", store, StoreMetrics::countOrNaN)
                .description("Documents in the index")
                .register(registry);
    }

    /**
     * Down while the latest write failed for lack of disk space (until a write succeeds: a count would answer from
     * memory), otherwise whether a count answers — so an unreachable cluster reads up again as soon as it is back.
     */
    static StoreHealth probe(WriteFailures writes, DocumentStore store) {
        StoreHealth.Down standing = writes.standing();
        if (standing != null && standing.diskFull()) {
            return standing;
        }
        return answers(store);
    }

    /** Up when a count answers, otherwise down saying why (not for lack of disk). */
    static StoreHealth answers(DocumentStore store) {
        try {
            store.count();
            return StoreHealth.up();
        } catch (IOException | RuntimeException e) {
            return new StoreHealth.Down("the index does not answer: " + e.getMessage(), false);
        }
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
