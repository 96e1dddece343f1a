package io.yuqing.core.config;

import java.time.Duration;

/**
 * Adaptive recrawl: each source's interval starts at its {@code every} and adapts to how often its cycles find new
 * items (shorter after a cycle with new items, longer after empty ones), never leaving {@code [minInterval, maxInterval]}.
 *
 * @param enabled     false: every source runs at its configured {@code every}
 * @param minInterval shortest interval a busy source is crawled at
 * @param maxInterval longest interval a quiet source is left alone
 */
public record AdaptiveRecrawlConfig(boolean enabled, Duration minInterval, Duration maxInterval) {
    public AdaptiveRecrawlConfig {
        minInterval = minInterval == null ? Duration.ofMinutes(2) : minInterval;
        maxInterval = maxInterval == null ? Duration.ofHours(2) : maxInterval;
        Checks.positive("crawler.adaptive.minInterval", minInterval);
        Checks.positive("crawler.adaptive.maxInterval", maxInterval);
        if (minInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("crawler.adaptive.minInterval must be at least 1s, not " + minInterval);
        }
        if (maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("crawler.adaptive.maxInterval (" + Durations.format(maxInterval)
                    + ") must not be shorter than minInterval (" + Durations.format(minInterval) + ")");
        }
    }

    /** Fixed intervals: every source runs at its {@code every}. */
    public static AdaptiveRecrawlConfig off() {
        return new AdaptiveRecrawlConfig(false, null, null);
    }
}
