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
 * start of the next to that host; a host's robots.txt Crawl-delay raises that delay for the host. A host that answered
 * 429 or 503 with Retry-After is paused: callers ask {@link #pausedUntil} and do not contact it before then.
 * Shared by every source, since two sources may live on one site.
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
        /** Crawl-delay from robots.txt, already capped; null when the host sets none. */
        volatile Duration crawlDelay;
        volatile Instant pausedUntil = Instant.MIN;
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

    /** Sets the host's robots.txt Crawl-delay (null or zero: none); the effective delay is the larger of the two. */
    public void crawlDelay(String host, Duration crawlDelay) {
        slot(host).crawlDelay = crawlDelay == null || crawlDelay.isNegative() || crawlDelay.isZero() ? null : crawlDelay;
    }

    /** The delay between two requests to this host: max(politeness delay, Crawl-delay). */
    public Duration effectiveDelay(String host) {
        Duration robots = slot(host).crawlDelay;
        return robots != null && robots.compareTo(delay) > 0 ? robots : delay;
    }

    /** Keeps requests away from the host until {@code until}; an earlier pause that lasts longer is kept. */
    public void pause(String host, Instant until) {
        HostSlot slot = slot(host);
        synchronized (slot) {
            if (until.isAfter(slot.pausedUntil)) {
                slot.pausedUntil = until;
            }
        }
    }

    /** When the host may be contacted again, if it is paused now. */
    public java.util.Optional<Instant> pausedUntil(String host) {
        Instant until = slot(host).pausedUntil;
        return until.isAfter(clock.instant()) ? java.util.Optional.of(until) : java.util.Optional.empty();
    }

    private HostSlot slot(String host) {
        return slots.computeIfAbsent(host.toLowerCase(Locale.ROOT), h -> new HostSlot());
    }

    public Permit acquire(String host) throws InterruptedException {
        HostSlot slot = slot(host);
        slot.lock.lockInterruptibly();
        try {
            Duration delay = effectiveDelay(host);
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
