package io.yuqing.crawler.schedule;

import io.yuqing.core.config.AdaptiveRecrawlConfig;
import io.yuqing.crawler.CycleReport;

import java.time.Duration;

/**
 * How a source's interval follows its news: halved after a cycle that brought new documents, grown by half after a
 * cycle that found nothing new, and kept after a cycle that did not run or failed (failing sources have their own
 * backoff, and a failure says nothing about how often the source has news). Always within the bounds and in whole
 * seconds, so stored and scheduled intervals compare equal. The bounds are the configured ones widened to include the
 * source's own {@code every}: a source an operator set to 30 s runs every 30 s at the busiest (not at minInterval), one
 * set to 6 h may slow down to 6 h (not only to maxInterval).
 */
public record AdaptiveInterval(AdaptiveRecrawlConfig config) {
    static final double GROWTH = 1.5;

    /** The interval a source starts at: its configured {@code every}. */
    public Duration start(Duration every) {
        return clamp(every, every);
    }

    /** The interval after a cycle of a source configured to run every {@code every}. */
    public Duration next(Duration current, Duration every, CycleReport report) {
        if (report.deferred() || (report.newDocuments() == 0 && report.failures() > 0)) {
            return clamp(current, every);
        }
        if (report.newDocuments() > 0) {
            return clamp(current.dividedBy(2), every);
        }
        return clamp(Duration.ofMillis(Math.round(current.toMillis() * GROWTH)), every);
    }

    private Duration clamp(Duration d, Duration every) {
        Duration seconds = Duration.ofSeconds(Math.max(1, Math.round(d.toMillis() / 1000.0)));
        Duration own = Duration.ofSeconds(Math.max(1, Math.round(every.toMillis() / 1000.0)));
        Duration lower = own.compareTo(config.minInterval()) < 0 ? own : config.minInterval();
        Duration upper = own.compareTo(config.maxInterval()) > 0 ? own : config.maxInterval();
        if (seconds.compareTo(lower) < 0) {
            return lower;
        }
        return seconds.compareTo(upper) > 0 ? upper : seconds;
    }
}
