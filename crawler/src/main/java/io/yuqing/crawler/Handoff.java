package io.yuqing.crawler;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Hands one cycle's documents to the sink, one at a time or, when the sink takes several at once
 * ({@link io.yuqing.core.pipeline.DocumentSink#parallelism()}), up to that many in flight on virtual threads — so the
 * cycle's next fetch overlaps the sink's durable commit, and one commit covers many documents, instead of the cycle
 * waiting out a commit per document. The first document always goes alone: a sink that is down is found before more
 * pages are fetched, and after it is found no more are handed over.
 */
final class Handoff implements AutoCloseable {
    /** What became of one document: taken by the sink, not taken, or not taken because the sink is down. */
    enum Outcome { TAKEN, FAILED, SINK_DOWN }

    private final int parallelism;
    private final Semaphore slots;
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicBoolean sinkDown = new AtomicBoolean();
    private final java.util.concurrent.ExecutorService threads;
    private boolean firstDone;

    Handoff(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        this.slots = new Semaphore(this.parallelism);
        this.threads = this.parallelism > 1 ? java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor() : null;
    }

    /** Whether the sink said it is down: the cycle stops handing over. */
    boolean sinkDown() {
        return sinkDown.get();
    }

    /** Runs the hand-over now, or on its own thread once a slot is free (blocking the caller until one is). */
    void submit(Supplier<Outcome> handOver) {
        if (threads == null || !firstDone) {
            firstDone = true;
            count(handOver.get());
            return;
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            count(handOver.get());
            return;
        }
        threads.execute(() -> {
            try {
                count(handOver.get());
            } finally {
                slots.release();
            }
        });
    }

    private void count(Outcome outcome) {
        switch (outcome) {
            case TAKEN -> taken.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
            case SINK_DOWN -> {
                failed.incrementAndGet();
                sinkDown.set(true);
            }
        }
    }

    /** Waits for every hand-over in flight. */
    @Override
    public void close() {
        if (threads != null) {
            threads.close();
        }
    }

    /** Read after {@link #close()}. */
    int taken() {
        return taken.get();
    }

    int failed() {
        return failed.get();
    }
}
