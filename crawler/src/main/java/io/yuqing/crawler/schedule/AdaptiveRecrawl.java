package io.yuqing.crawler.schedule;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.config.AdaptiveRecrawlConfig;
import io.yuqing.core.config.SourceConfig;
import io.yuqing.crawler.CycleReport;
import io.yuqing.crawler.state.SourceIntervalStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each source's current crawl interval: adapted after every cycle ({@link AdaptiveInterval}), stored so restarts and
 * other nodes go on from it, and exported as the gauge {@value #INTERVAL_GAUGE} per source. Disabled, every source
 * keeps its configured {@code every}.
 */
public final class AdaptiveRecrawl {
    public static final String INTERVAL_GAUGE = "yuqing.crawler.source.interval";
    private static final Logger log = LoggerFactory.getLogger(AdaptiveRecrawl.class);

    private final AdaptiveRecrawlConfig config;
    private final AdaptiveInterval policy;
    private final SourceIntervalStore store;
    private final Clock clock;
    private final MeterRegistry meters;
    /** Seconds per source, read by the gauges (which hold them weakly). */
    private final ConcurrentMap<String, AtomicLong> shown = new ConcurrentHashMap<>();

    public AdaptiveRecrawl(AdaptiveRecrawlConfig config, SourceIntervalStore store, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.policy = new AdaptiveInterval(config);
        this.store = store;
        this.clock = clock;
        this.meters = meters;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The interval the source runs at now: the stored adapted one, else its {@code every}. */
    public Duration intervalOf(SourceConfig source) {
        Duration interval = !config.enabled() ? source.every()
                : store.interval(source.id(), source.every()).orElseGet(() -> policy.start(source.every()));
        show(source.id(), interval);
        return interval;
    }

    /** Adapts the source's interval to a finished cycle; the new interval when it changed (stored already). */
    public Optional<Duration> afterCycle(SourceConfig source, CycleReport report) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        Duration current = intervalOf(source);
        Duration next = policy.next(current, source.every(), report);
        if (next.equals(current)) {
            return Optional.empty();
        }
        store.save(source.id(), source.every(), next, clock.instant());
        show(source.id(), next);
        log.debug("source {}: {} new documents, crawl interval {} s -> {} s", source.id(), report.newDocuments(),
                current.toSeconds(), next.toSeconds());
        return Optional.of(next);
    }

    private void show(String sourceId, Duration interval) {
        shown.computeIfAbsent(sourceId, id -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder(INTERVAL_GAUGE, seconds, AtomicLong::get)
                    .description("Current crawl interval of the source (adaptive recrawl)")
                    .baseUnit("seconds")
                    .tag("source", id)
                    .register(meters);
            return seconds;
        }).set(interval.toSeconds());
    }
}
