package io.yuqing.app;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting on a real outside part (an Elasticsearch node's disk check, a database coming back, a crawl cycle under
 * way on another thread) that no test clock can advance: polls until the condition holds and fails naming what was
 * awaited after the deadline. Not for the service's own timing, which tests drive through its injected Clock.
 */
final class Await {
    private static final Duration POLL = Duration.ofMillis(20);

    private Await() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(what, timeout, POLL, condition);
    }

    /** The same, asking only every {@code poll} (a condition that costs the outside part a request). */
    static void until(String what, Duration timeout, Duration poll, BooleanSupplier condition) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(poll);
        }
        System.out.printf(Locale.ROOT, "waited %d ms for %s%n", Duration.between(start, Instant.now()).toMillis(), what);
    }
}
