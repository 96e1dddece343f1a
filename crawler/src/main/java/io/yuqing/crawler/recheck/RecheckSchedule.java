package io.yuqing.crawler.recheck;

import io.yuqing.core.config.RecheckConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When re-checks are due: at the configured steps after first seen (1 h, 6 h, 1 d, 3 d by default), never after the
 * window ({@code recheckFor}) ends. Steps already past when a check runs late (the crawler was down) are skipped, not
 * caught up one cycle after another.
 */
public record RecheckSchedule(RecheckConfig config) {

    /** The next scheduled check: its step index and due time. */
    public record Step(int index, Instant at) {
    }

    public Instant windowEnd(Instant firstSeen) {
        return firstSeen.plus(config.recheckFor());
    }

    /** The first scheduled check after {@code now}, or empty when none is left in the window. */
    public Optional<Step> nextAfter(Instant firstSeen, Instant now) {
        List<Duration> steps = config.after();
        for (int i = 0; i < steps.size(); i++) {
            Instant at = firstSeen.plus(steps.get(i));
            if (at.isAfter(windowEnd(firstSeen))) {
                return Optional.empty();
            }
            if (at.isAfter(now)) {
                return Optional.of(new Step(i, at));
            }
        }
        return Optional.empty();
    }

    /** A retry {@code delay} from now, if it still falls in the window. */
    public Optional<Instant> retry(Instant firstSeen, Instant now, Duration delay) {
        Instant at = now.plus(delay);
        return at.isAfter(windowEnd(firstSeen)) ? Optional.empty() : Optional.of(at);
    }
}
