package io.yuqing.indexer.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outcome of a store's latest write, for health checks and metrics: a failed write keeps the store reported down
 * until a write succeeds again. Failures are told apart by kind, since "disk full" and "cluster unreachable" call for
 * different actions by the operator.
 */
final class WriteFailures {
    /** What went wrong with the latest failed write. */
    enum Kind {
        DISK_FULL, UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Failure(Kind kind, String message) {
    }

    private final AtomicReference<Failure> latest = new AtomicReference<>();
    private final ConcurrentMap<Kind, Counter> counters = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    /** Gauge {@code yuqing.index.writable} (1 while the latest write succeeded) and counter {@code yuqing.index.write.failures}. */
    void bind(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("yuqing.index.writable", latest, l -> l.get() == null ? 1 : 0)
                .description("1 while the index takes documents; 0 after a refused write until a write succeeds again")
                .register(registry);
        for (Kind k : Kind.values()) {
            counter(k);
        }
    }

    void succeeded() {
        latest.set(null);
    }

    void failed(Kind kind, String message) {
        latest.set(new Failure(kind, message));
        Counter c = counter(kind);
        if (c != null) {
            c.increment();
        }
    }

    /** The latest write failure while it stands (no write succeeded since), otherwise null. */
    StoreHealth.Down standing() {
        Failure f = latest.get();
        return f == null ? null : new StoreHealth.Down(f.message(), f.kind() == Kind.DISK_FULL);
    }

    private Counter counter(Kind kind) {
        MeterRegistry r = registry;
        if (r == null) {
            return null;
        }
        return counters.computeIfAbsent(kind, k -> Counter.builder("yuqing.index.write.failures")
                .description("Index writes refused, by reason: disk_full (no room on the index disk) or unavailable")
                .tag("reason", k.tag())
                .register(r));
    }

    /** Whether the exception, or one of its causes, is the operating system saying the disk is full (ENOSPC). */
    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("There is not enough space on the disk"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static IOException asIo(Throwable t) {
        return t instanceof IOException io ? io : new IOException(t.getMessage(), t);
    }
}
