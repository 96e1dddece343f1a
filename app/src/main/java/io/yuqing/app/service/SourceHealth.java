package io.yuqing.app.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.crawler.state.CrawlStateStore;
import io.yuqing.crawler.state.SourceState;

import java.util.List;

/**
 * Each source's health from the crawl state in the database, as gauges Prometheus alerts on (a source failing or
 * silent is a gap in the watch) and as the ordering of the console's sources page (failing sources first).
 */
public final class SourceHealth {
    private final CrawlStateStore state;

    public SourceHealth(CrawlStateStore state) {
        this.state = state;
    }

    /** Registers {@code yuqing.source.consecutive.failures} and {@code yuqing.source.last.success} per source. */
    public void bindMetrics(List<SourceConfig> sources, MeterRegistry registry) {
        for (SourceConfig source : sources) {
            Gauge.builder("yuqing.source.consecutive.failures", () -> read(source).consecutiveFailures())
                    .description("Crawl cycles of the source that failed in a row (0 after a success)")
                    .tag("source", source.id()).register(registry);
            Gauge.builder("yuqing.source.last.success", () -> {
                        SourceState s = read(source);
                        return s.lastSuccess() == null ? Double.NaN : s.lastSuccess().toEpochMilli() / 1000.0;
                    })
                    .description("When the source last had a successful cycle, seconds since the epoch")
                    .baseUnit("seconds").tag("source", source.id()).register(registry);
        }
    }

    /** Articles read and given up per source over the 24 hours before {@code now}. */
    public java.util.Map<String, CrawlStateStore.SourceActivity> lastDay(java.time.Instant now) {
        return state.activitySince(now.minus(java.time.Duration.ofDays(1)));
    }

    public SourceState read(SourceConfig source) {
        return state.sourceState(source.id());
    }

    /** Failing sources first (most consecutive failures), then by name. */
    public List<SourceState> byConcern(List<SourceConfig> sources) {
        return sources.stream().map(this::read)
                .sorted(java.util.Comparator.comparingInt(SourceState::consecutiveFailures).reversed()
                        .thenComparing(SourceState::sourceId))
                .toList();
    }
}
