package io.yuqing.alerting.rules;

import io.yuqing.alerting.TestDatabase;
import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database history (live service) and the memory history (rules test) answer alike. */
class ItemHistoryTest {
    static final Instant T = Instant.parse("2026-11-02T00:00:00Z");

    static void fill(ItemHistory h) {
        h.record(new RecordedItem("d1", "yf", "a.cn", "c1", List.of(RiskCategory.FOOD_SAFETY), RiskLevel.BLUE, T));
        h.record(new RecordedItem("d2", "yf", "b.cn", "c1", List.of(RiskCategory.WAGE_ARREARS, RiskCategory.FRAUD),
                RiskLevel.ORANGE, T.plus(Duration.ofHours(1))));
        h.record(new RecordedItem("d3", "yf", "a.cn", "c3", List.of(RiskCategory.FRAUD), RiskLevel.YELLOW,
                T.plus(Duration.ofHours(5))));
        h.record(new RecordedItem("d3", "yf", "z.cn", "c9", List.of(RiskCategory.RUMOR), RiskLevel.RED,
                T.plus(Duration.ofHours(5))));
        h.record(new RecordedItem("d3", "hx", "c.cn", "c3", List.of(RiskCategory.FRAUD), RiskLevel.YELLOW,
                T.plus(Duration.ofHours(5))));
    }

    static void check(ItemHistory h) {
        Instant end = T.plus(Duration.ofHours(5));
        assertTrue(h.hasCategory("yf", RiskCategory.FOOD_SAFETY, RiskLevel.BLUE, T, end, "x"));
        assertFalse(h.hasCategory("yf", RiskCategory.FOOD_SAFETY, RiskLevel.YELLOW, T, end, "x"), "below the level");
        assertFalse(h.hasCategory("yf", RiskCategory.FOOD_SAFETY, RiskLevel.BLUE, T.plusSeconds(1), end, "x"), "outside");
        assertFalse(h.hasCategory("yf", RiskCategory.FOOD_SAFETY, RiskLevel.BLUE, T, end, "d1"), "excluded");
        assertFalse(h.hasCategory("yf", RiskCategory.RUMOR, RiskLevel.BLUE, T, end, "x"), "a repeat changes nothing");
        assertTrue(h.hasCategory("yf", RiskCategory.FRAUD, RiskLevel.ORANGE, T, end, "x"));
        assertEquals(Set.of("a.cn", "b.cn"), h.sites("yf", T, end, "x"));
        assertEquals(Set.of("a.cn"), h.sites("yf", T.plus(Duration.ofHours(2)), end, "x"));
        assertEquals(Set.of("b.cn"), h.sites("yf", T, end, "d3").stream().filter(s -> !s.equals("a.cn"))
                .collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, h.clusterSize("c1", T, end, "x"));
        assertEquals(1, h.clusterSize("c3", T, end, "x"), "one document, two enterprises");
        assertEquals(0, h.clusterSize("c3", T, end, "d3"));
    }

    @Test
    void memoryHistory() {
        MemoryItemHistory h = new MemoryItemHistory();
        fill(h);
        check(h);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(TestDatabases.Kind.class)
    void retentionForgetsItemsBeforeTheCutoffOnly(TestDatabases.Kind kind) {
        try (Database db = TestDatabase.create(kind)) {
            DatabaseItemHistory h = new DatabaseItemHistory(db.dataSource());
            fill(h);
            Instant end = T.plus(Duration.ofHours(5));
            assertEquals(2, h.forgetBefore(T.plus(Duration.ofHours(1)).plusMillis(1)), "d1 and d2 go, d3 (two enterprises) stays");
            assertFalse(h.hasCategory("yf", RiskCategory.FOOD_SAFETY, RiskLevel.BLUE, T, end, "x"), "d1 forgotten");
            assertEquals(Set.of("a.cn"), h.sites("yf", T, end, "x"), "only d3's site remains");
            assertEquals(0, h.clusterSize("c1", T, end, "x"));
            assertEquals(1, h.clusterSize("c3", T, end, "x"));
            assertEquals(0, h.forgetBefore(T.plus(Duration.ofHours(5))), "an item at the cutoff stays");
        }
    }

    @Test
    void databaseHistory() {
        try (Database db = TestDatabase.create(TestDatabases.Kind.H2)) {
            DatabaseItemHistory h = new DatabaseItemHistory(db.dataSource());
            fill(h);
            check(h);
        }
    }
}
