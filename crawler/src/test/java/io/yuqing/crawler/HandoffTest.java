package io.yuqing.crawler;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandoffTest {
    @Test
    void aSinkThatTakesSeveralGetsThemAtOnceAfterTheFirst() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // Three hand-overs after the first wait for each other: only overlapping ones get past the latch.
        CountDownLatch together = new CountDownLatch(3);
        Handoff handoff = new Handoff(4);
        try (handoff) {
            handoff.submit(() -> Handoff.Outcome.TAKEN);
            for (int i = 0; i < 3; i++) {
                handoff.submit(() -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    together.countDown();
                    try {
                        return together.await(30, TimeUnit.SECONDS) ? Handoff.Outcome.TAKEN : Handoff.Outcome.FAILED;
                    } catch (InterruptedException e) {
                        return Handoff.Outcome.FAILED;
                    } finally {
                        inside.decrementAndGet();
                    }
                });
            }
        }
        assertEquals(4, handoff.taken());
        assertEquals(3, most.get(), "three in flight at once");
    }

    @Test
    void aSinkThatIsDownIsFoundOnTheFirstDocumentAndNothingFollows() {
        Handoff handoff = new Handoff(8);
        AtomicInteger calls = new AtomicInteger();
        try (handoff) {
            for (int i = 0; i < 5 && !handoff.sinkDown(); i++) {
                handoff.submit(() -> {
                    calls.incrementAndGet();
                    return Handoff.Outcome.SINK_DOWN;
                });
            }
        }
        assertTrue(handoff.sinkDown());
        assertEquals(1, calls.get());
        assertEquals(0, handoff.taken());
        assertEquals(1, handoff.failed());
    }

    @Test
    void oneAtATimeRunsInTheCallersThread() {
        Handoff handoff = new Handoff(1);
        Thread caller = Thread.currentThread();
        AtomicInteger elsewhere = new AtomicInteger();
        try (handoff) {
            for (int i = 0; i < 3; i++) {
                handoff.submit(() -> {
                    if (Thread.currentThread() != caller) {
                        elsewhere.incrementAndGet();
                    }
                    return Handoff.Outcome.TAKEN;
                });
            }
        }
        assertEquals(3, handoff.taken());
        assertEquals(0, elsewhere.get());
    }
}
