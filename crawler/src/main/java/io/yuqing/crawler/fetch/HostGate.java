package io.yuqing.crawler.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Politeness: one request at a time per host, and at least {@code delay} between the end of one request and the
 * start of the next to that host. Shared by every source, since two sources may live on one site.
 */
public final class HostGate {

    /** How the gate waits; tests pass one that advances an AdjustableClock instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Held while a request to a host runs; closing it records the request's end. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final class HostSlot {
        final ReentrantLock lock = new ReentrantLock(true);
        Instant lastRequestEnd = Instant.MIN;
    }

    private final Duration delay;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ConcurrentMap<String, HostSlot> slots = new ConcurrentHashMap<>();

    public HostGate(Duration delay, Clock clock, Sleeper sleeper) {
        this.delay = delay.isNegative() ? Duration.ZERO : delay;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public static HostGate sleeping(Duration delay, Clock clock) {
        return new HostGate(delay, clock, d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000)));
    }

    public Permit acquire(String host) throws InterruptedException {
        HostSlot slot = slots.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new HostSlot());
        slot.lock.lockInterruptibly();
        try {
            if (!delay.isZero() && !slot.lastRequestEnd.equals(Instant.MIN)) {
                Duration wait = Duration.between(clock.instant(), slot.lastRequestEnd.plus(delay));
                if (!wait.isNegative() && !wait.isZero()) {
                    sleeper.sleep(wait);
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            slot.lock.unlock();
            throw e;
        }
        return () -> {
            slot.lastRequestEnd = clock.instant();
            slot.lock.unlock();
        };
    }
}
