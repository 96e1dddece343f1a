package io.yuqing.crawler.schedule;

import io.yuqing.core.config.AdaptiveRecrawlConfig;
import io.yuqing.crawler.CycleReport;

import java.time.Duration;

/**
 * How a source's interval follows its news: halved after a cycle that brought new documents, grown by half after a
 * cycle that found nothing new, and kept after a cycle that did not run or failed (failing sources have their own
 * backoff, and a failure says nothing about how often the source has news). Always within the configured bounds and
 * in whole seconds, so stored and scheduled intervals compare equal.
 */
public record AdaptiveInterval(AdaptiveRecrawlConfig config) {
    static final double GROWTH = 1.5;

    /** The interval a source starts at: its configured {@code every}, within the bounds. */
    public Duration start(Duration every) {
        return clamp(every);
    }

    /** The interval after a cycle. */
    public Duration next(Duration current, CycleReport report) {
        if (report.deferred() || (report.newDocuments() == 0 && report.failures() > 0)) {
            return clamp(current);
        }
        if (report.newDocuments() > 0) {
            return clamp(current.dividedBy(2));
        }
        return clamp(Duration.ofMillis(Math.round(current.toMillis() * GROWTH)));
    }

    private Duration clamp(Duration d) {
        Duration seconds = Duration.ofSeconds(Math.max(1, Math.round(d.toMillis() / 1000.0)));
        if (seconds.compareTo(config.minInterval()) < 0) {
            return config.minInterval();
        }
        return seconds.compareTo(config.maxInterval()) > 0 ? config.maxInterval() : seconds;
    }
}
