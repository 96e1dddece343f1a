package io.yuqing.indexer.risk;

import io.yuqing.core.model.RiskLevel;
import io.yuqing.indexer.risk.RiskIndex.DailyValue;
import io.yuqing.indexer.risk.RiskIndex.Item;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RiskIndexTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant T0 = Instant.parse("2026-03-10T02:00:00Z"); // 10:00 in Shanghai
    private final RiskIndex index = RiskIndex.defaults();

    private static Item red(Instant at) {
        return new Item(at, 90, RiskLevel.RED);
    }

    @Test
    void loadHalvesEveryHalfLife() {
        List<Item> items = List.of(red(T0));
        double fresh = index.load(items, T0);
        assertEquals(0.9, fresh, 1e-12);
        assertEquals(fresh / 2, index.load(items, T0.plus(Duration.ofDays(3))), 1e-12);
        assertEquals(fresh / 4, index.load(items, T0.plus(Duration.ofDays(6))), 1e-12);
        assertEquals(0.0, index.load(items, T0.minusSeconds(1)), "an item does not count before it happened");
    }

    @Test
    void indexFollowsTheFormula() {
        double load = 0.9 * Math.pow(2, -1.0 / 3);
        assertEquals(100 * (1 - Math.exp(-load / 1.25)), index.valueAt(List.of(red(T0)), T0.plus(Duration.ofDays(1))), 1e-9);
    }

    @Test
    void saturationKeepsTheIndexBelowOneHundredAndEachFurtherItemAddsLess() {
        List<Item> items = new ArrayList<>();
        double previous = 0;
        double previousGain = Double.MAX_VALUE;
        for (int i = 0; i < 200; i++) {
            items.add(new Item(T0, 100, RiskLevel.RED));
            double value = index.valueAt(items, T0);
            double gain = value - previous;
            assertTrue(value <= 100.0, "index " + value + " exceeds 100");
            assertTrue(gain <= previousGain + 1e-12, "item " + i + " added more than the one before");
            previous = value;
            previousGain = gain;
        }
        assertTrue(previous > 99.9, "a flood of red items nears 100, got " + previous);
        assertEquals(0.0, index.valueAt(List.of(), T0));
    }

    @Test
    void spikeRisesAndQuietDaysFall() {
        List<Item> items = List.of(
                new Item(T0, 45, RiskLevel.BLUE),
                red(T0.plus(Duration.ofDays(5))),
                red(T0.plus(Duration.ofDays(5).plusHours(2))),
                new Item(T0.plus(Duration.ofDays(5).plusHours(3)), 70, RiskLevel.ORANGE));
        List<DailyValue> series = index.dailySeries(items, LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 25), SHANGHAI);
        assertEquals(18, series.size());
        assertEquals(LocalDate.of(2026, 3, 8), series.getFirst().day());
        assertEquals(0.0, series.get(0).value());
        assertEquals(0.0, series.get(1).value());
        assertTrue(series.get(2).value() > 0, "the blue item of 3-10 shows on 3-10");
        for (int d = 3; d <= 6; d++) {
            assertTrue(series.get(d).value() < series.get(d - 1).value(), "quiet day " + series.get(d).day() + " falls");
        }
        DailyValue spike = series.get(7);
        assertEquals(LocalDate.of(2026, 3, 15), spike.day());
        assertTrue(spike.value() > series.get(6).value() + 40, "the spike of 3-15 rises sharply: " + series);
        for (int d = 8; d < series.size(); d++) {
            assertTrue(series.get(d).value() < series.get(d - 1).value(), "quiet day " + series.get(d).day() + " falls");
        }
    }

    @Test
    void dailyFigureIsTheIndexAtTheEndOfTheLocalDayAndMatchesValueAt() {
        // 23:30 in Shanghai on 3-10 is 15:30 UTC: it belongs to 3-10 there, whatever the UTC date.
        Instant lateEvening = Instant.parse("2026-03-10T15:30:00Z");
        List<Item> items = List.of(red(lateEvening), new Item(T0.minus(Duration.ofDays(20)), 60, RiskLevel.YELLOW));
        List<DailyValue> series = index.dailySeries(items, LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 12), SHANGHAI);
        for (DailyValue v : series) {
            Instant endOfDay = v.day().plusDays(1).atStartOfDay(SHANGHAI).toInstant();
            assertEquals(index.valueAt(items, endOfDay), v.value(), 1e-9, "day " + v.day());
        }
        assertTrue(series.get(0).value() > 0, "an item before the series start still counts, decayed");
        assertTrue(series.get(1).value() > series.get(0).value() + 30);
    }

    @Test
    void itemsBelowTheBlueLevelAreNoise() {
        assertEquals(0.0, index.valueAt(List.of(new Item(T0, 35, RiskLevel.NONE)), T0));
    }

    @Test
    void longerHalfLifeFallsSlower() {
        List<Item> items = List.of(red(T0));
        Instant week = T0.plus(Duration.ofDays(7));
        assertTrue(new RiskIndex(Duration.ofDays(7), 1.25).valueAt(items, week) > index.valueAt(items, week));
    }

    @Test
    void badSettingsAndInputsAreRefusedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> new RiskIndex(Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new RiskIndex(Duration.ofDays(1), 0));
        assertThrows(IllegalArgumentException.class, () -> new RiskIndex(Duration.ofDays(1), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Item(T0, 101, RiskLevel.RED));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> index.dailySeries(List.of(), LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1), SHANGHAI));
        assertTrue(e.getMessage().contains("2026-03-01"));
    }
}
