package io.yuqing.crawler.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a failing source rests: after n consecutive failed cycles the next attempt is allowed at
 * last attempt + min(base × 2^(n−1), cap). Decided from the state and the clock's now, nothing else.
 *
 * @param base  rest after the first failure
 * @param cap   longest rest, however many failures
 * @param grace a scheduled cycle this much early still runs: the failure is recorded at the end of a cycle while the
 *              schedule counts from its start, so an exact comparison would skip cycles by a few seconds
 */
public record SourceBackoff(Duration base, Duration cap, Duration grace) {
    /** 5 minutes, doubling, at most 2 hours; 30 s of grace. */
    public static final SourceBackoff DEFAULT = new SourceBackoff(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofSeconds(30));

    public SourceBackoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(grace, "grace");
        if (base.isNegative() || cap.compareTo(base) < 0 || grace.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 <= base <= cap and grace >= 0, not " + base + ", " + cap + ", " + grace);
        }
    }

    /** The rest after {@code failures} consecutive failures (zero for none). */
    public Duration rest(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        Duration rest = base.multipliedBy(1L << doublings);
        return rest.compareTo(cap) > 0 || rest.isNegative() ? cap : rest;
    }

    /** The time before which the source should not be attempted, when that is still ahead of {@code now}. */
    public Optional<Instant> deferredUntil(SourceState state, Instant now) {
        if (state.consecutiveFailures() <= 0 || state.lastAttempt() == null) {
            return Optional.empty();
        }
        Instant next = state.lastAttempt().plus(rest(state.consecutiveFailures()));
        return now.plus(grace).isBefore(next) ? Optional.of(next) : Optional.empty();
    }
}
