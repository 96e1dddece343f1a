package io.yuqing.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** crawler.adaptive and crawler.recheck: defaults, overrides, and mistakes named with their place in the file. */
class FreshnessConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsAdaptAndRecheckForAWeek() {
        CrawlerConfig c = loader.defaults().crawler();
        assertTrue(c.adaptive().enabled());
        assertEquals(Duration.ofMinutes(2), c.adaptive().minInterval());
        assertEquals(Duration.ofHours(2), c.adaptive().maxInterval());
        assertTrue(c.recheck().enabled());
        assertEquals(Duration.ofDays(7), c.recheck().recheckFor());
        assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3)), c.recheck().after());
        assertEquals(10, c.recheck().maxPerCycle());
        assertEquals(64, c.concurrentSources());
    }

    @Test
    void aFileOverridesSomeSettingsAndKeepsTheOthers() throws ConfigException {
        CrawlerConfig c = loader.load("""
                crawler:
                  adaptive:
                    enabled: false
                  recheck:
                    after: [30m, 2h]
                """, "yuqing.yml").crawler();
        assertFalse(c.adaptive().enabled());
        assertEquals(Duration.ofHours(2), c.adaptive().maxInterval());
        assertEquals(List.of(Duration.ofMinutes(30), Duration.ofHours(2)), c.recheck().after());
        assertEquals(Duration.ofDays(7), c.recheck().recheckFor());
    }

    @Test
    void mistakesSayWhatAndWhere() {
        ConfigException order = assertThrows(ConfigException.class, () -> loader.load("""
                crawler:
                  recheck:
                    after: [6h, 1h]
                """, "yuqing.yml"));
        assertTrue(order.getMessage().contains("yuqing.yml:") && order.getMessage().contains("ascending"), order.getMessage());
        ConfigException bounds = assertThrows(ConfigException.class, () -> loader.load("""
                crawler:
                  adaptive:
                    minInterval: 3h
                """, "yuqing.yml"));
        assertTrue(bounds.getMessage().contains("maxInterval"), bounds.getMessage());
        ConfigException typo = assertThrows(ConfigException.class, () -> loader.load("""
                crawler:
                  recheck:
                    recheckFour: 3d
                """, "yuqing.yml"));
        assertTrue(typo.getMessage().contains("recheckFor"), typo.getMessage());
        ConfigException none = assertThrows(ConfigException.class, () -> loader.load("""
                crawler:
                  concurrentSources: 0
                """, "yuqing.yml"));
        assertTrue(none.getMessage().contains("concurrentSources"), none.getMessage());
    }

    @Test
    void theShortConstructorKeepsFetchingOnly() {
        CrawlerConfig c = new CrawlerConfig("ua", Duration.ofSeconds(1), Duration.ofSeconds(1), 2048, 1, Duration.ZERO, 5);
        assertFalse(c.adaptive().enabled());
        assertFalse(c.recheck().enabled());
        assertEquals(CrawlerConfig.DEFAULT_CONCURRENT_SOURCES, c.concurrentSources());
    }
}
