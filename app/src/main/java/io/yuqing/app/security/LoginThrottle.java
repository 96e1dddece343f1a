package io.yuqing.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client address in a sliding window. The per-account lockout stops guessing one password; this
 * stops one client trying a few passwords on many accounts. In memory: a restart forgets, which only helps the user.
 */
final class LoginThrottle {
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** When the client may try again, if it is throttled now. */
    Optional<Instant> blockedUntil(String client) {
        Deque<Instant> times = failures.get(client);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times);
            return times.size() >= maxFailures ? Optional.of(times.peekFirst().plus(window)) : Optional.empty();
        }
    }

    void failed(String client) {
        Deque<Instant> times = failures.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
        // Forget clients whose window has passed, so the map stays as small as the recent attackers.
        if (failures.size() > 10_000) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d);
                    return d.isEmpty();
                }
            });
        }
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }
}
