package io.yuqing.app.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertFilter;
import io.yuqing.alerting.AlertQueries;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.digest.DailyDigest;
import io.yuqing.alerting.digest.DigestBuilder;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The risk picture for Grafana: alerts by category and by enterprise, open cases by level, and how fast staff close
 * them. Database-backed figures are read at most once a minute, whatever the scrape rate.
 */
final class RiskPictureMetrics {
    private static final Duration CACHE = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Cached<Map<RiskLevel, Long>> open;
    private final Cached<DailyDigest.Handling> handling;

    RiskPictureMetrics(MeterRegistry registry, Clock clock, AlertQueries alerts, DigestBuilder digests, ZoneId zone) {
        this.registry = registry;
        this.clock = clock;
        this.open = new Cached<>(() -> {
            Map<RiskLevel, Long> sum = new EnumMap<>(RiskLevel.class);
            for (AlertStatus status : AlertStatus.values()) {
                if (status.open()) {
                    alerts.countsByLevel(AlertFilter.all().withStatus(status)).forEach((l, n) -> sum.merge(l, n, Long::sum));
                }
            }
            return sum;
        });
        this.handling = new Cached<>(() -> digests.build(LocalDate.now(clock.withZone(zone)), zone, null).handling());
        for (RiskLevel level : List.of(RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED)) {
            Gauge.builder("yuqing.alerts.open", () -> open.get().getOrDefault(level, 0L))
                    .description("Alerts not yet resolved or marked false positive").tag("level", level.code()).register(registry);
        }
        Gauge.builder("yuqing.alerts.close.rate", () -> handling.get().closeRate())
                .description("Share of the last 30 days' alerts that are closed (办结率)").register(registry);
        Gauge.builder("yuqing.alerts.handling.median", () -> {
                    Duration d = handling.get().medianTimeToClose();
                    return d == null ? Double.NaN : d.toMillis() / 1000.0;
                })
                .description("Median time from alert to closed over the last 30 days").baseUnit("seconds").register(registry);
    }

    /** Counts new alerts by category and by enterprise (the watchlist bounds the enterprise label). */
    void onNewAlerts(List<Alert> alerts) {
        for (Alert a : alerts) {
            for (RiskCategory c : a.categories()) {
                Counter.builder("yuqing.alerts.by.category").description("Alerts raised, by risk category")
                        .tag("category", c.code()).register(registry).increment();
            }
            Counter.builder("yuqing.enterprise.alerts").description("Alerts raised, by enterprise")
                    .tag("enterprise", a.enterpriseName()).register(registry).increment();
        }
    }

    /** A value recomputed at most once per {@link #CACHE}, so a fast scrape does not load the database. */
    private final class Cached<T> {
        private final Supplier<T> compute;
        private T value;
        private Instant at = Instant.MIN;

        Cached(Supplier<T> compute) {
            this.compute = compute;
        }

        synchronized T get() {
            Instant now = clock.instant();
            if (value == null || at.plus(CACHE).isBefore(now)) {
                value = compute.get();
                at = now;
            }
            return value;
        }
    }
}
