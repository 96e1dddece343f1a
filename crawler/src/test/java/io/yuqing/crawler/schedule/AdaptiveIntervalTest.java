package io.yuqing.crawler.schedule;

import io.yuqing.core.config.AdaptiveRecrawlConfig;
import io.yuqing.crawler.CycleReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveIntervalTest {
    private final AdaptiveInterval policy = new AdaptiveInterval(
            new AdaptiveRecrawlConfig(true, Duration.ofMinutes(2), Duration.ofHours(2)));

    private static CycleReport cycle(int newDocuments, int failures) {
        return new CycleReport("s", 10, newDocuments, failures, List.of(), Duration.ofSeconds(1));
    }

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void halvesAfterNewsAndGrowsByHalfAfterAnEmptyCycle() {
        assertEquals(Duration.ofMinutes(5), policy.next(Duration.ofMinutes(10), TEN_MINUTES, cycle(3, 0)));
        assertEquals(Duration.ofMinutes(15), policy.next(Duration.ofMinutes(10), TEN_MINUTES, cycle(0, 0)));
        // News with some failed articles is still news.
        assertEquals(Duration.ofMinutes(5), policy.next(Duration.ofMinutes(10), TEN_MINUTES, cycle(1, 2)));
    }

    @Test
    void staysWithinTheBounds() {
        assertEquals(Duration.ofMinutes(2), policy.next(Duration.ofMinutes(3), TEN_MINUTES, cycle(1, 0)));
        assertEquals(Duration.ofHours(2), policy.next(Duration.ofMinutes(100), TEN_MINUTES, cycle(0, 0)));
        Duration d = Duration.ofMinutes(10);
        for (int i = 0; i < 50; i++) {
            d = policy.next(d, TEN_MINUTES, cycle(i % 3 == 0 ? 1 : 0, 0));
            assertTrue(d.compareTo(Duration.ofMinutes(2)) >= 0 && d.compareTo(Duration.ofHours(2)) <= 0, d.toString());
            assertEquals(0, d.toMillisPart(), "whole seconds");
        }
    }

    @Test
    void aSourcesOwnEveryWidensTheBounds() {
        // Set to 30 s by its operator: starts there and never runs more often, nor is it pushed up to minInterval.
        Duration thirtySeconds = Duration.ofSeconds(30);
        assertEquals(thirtySeconds, policy.start(thirtySeconds));
        assertEquals(thirtySeconds, policy.next(thirtySeconds, thirtySeconds, cycle(5, 0)));
        assertEquals(Duration.ofSeconds(45), policy.next(thirtySeconds, thirtySeconds, cycle(0, 0)));
        // Set to a day: starts there and may slow down to it, above maxInterval; news still speeds it up.
        Duration day = Duration.ofDays(1);
        assertEquals(day, policy.start(day));
        assertEquals(day, policy.next(day, day, cycle(0, 0)));
        assertEquals(Duration.ofHours(12), policy.next(day, day, cycle(1, 0)));
        // Between the bounds the configured ones hold.
        assertEquals(Duration.ofMinutes(2), policy.next(Duration.ofMinutes(3), TEN_MINUTES, cycle(1, 0)));
    }

    @Test
    void aFailedOrDeferredCycleKeepsTheInterval() {
        assertEquals(Duration.ofMinutes(10), policy.next(Duration.ofMinutes(10), TEN_MINUTES, cycle(0, 1)));
        CycleReport deferred = new CycleReport("s", 0, 0, 0, List.of(), Duration.ZERO, false, Instant.EPOCH);
        assertEquals(Duration.ofMinutes(10), policy.next(Duration.ofMinutes(10), TEN_MINUTES, deferred));
    }

    @Test
    void boundsThatContradictEachOtherAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveRecrawlConfig(true, Duration.ofHours(1), Duration.ofMinutes(5)));
        assertTrue(e.getMessage().contains("maxInterval") && e.getMessage().contains("minInterval"), e.getMessage());
    }
}
