package io.yuqing.core.config;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** rules: and routing: load as typed records; every mistake is a message naming the file, line, rule and setting. */
class RulesConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsAreTheItemThresholdRuleAndPerAlertRoutingOverTheDesks() {
        YuqingConfig config = loader.defaults();
        assertEquals(1, config.rules().size());
        var rule = assertInstanceOf(AlertRuleConfig.ItemThreshold.class, config.rules().getFirst());
        assertEquals("item-threshold", rule.id());
        assertTrue(rule.enabled());
        assertEquals(RiskLevel.BLUE, rule.minLevel());
        assertNull(rule.level(), "the item's own level");
        assertFalse(config.routing().hasRoutes());
        assertEquals(List.of("alert"), config.routing().groupBy());
        assertEquals(Duration.ZERO, config.routing().groupWait());
        assertEquals(Duration.ZERO, config.routing().repeatInterval());
    }

    @Test
    void everyKindLoads() throws ConfigException {
        YuqingConfig config = loader.load("""
                sources:
                  - id: feed
                    kind: rss
                    url: https://news.example.cn/rss.xml
                rules:
                  - id: items
                    kind: item-threshold
                    minScore: 60
                  - id: first-food
                    kind: new-category
                    quietFor: 10d
                    categories: [food-safety]
                    level: orange
                    labels: {desk: market}
                  - id: spreading
                    kind: spread
                    measure: cluster
                    window: 12h
                    levels: {red: 6, yellow: 3}
                  - id: closure
                    kind: keyword-watch
                    enabled: false
                    required: [停产]
                    anyOf: [欠薪, 裁员]
                    excluded: [演练]
                    enterprises: [青州云帆科技有限公司]
                  - id: silent
                    kind: source-silent
                    sources: [feed]
                    recipients: [ops@example.gov.cn]
                """, "r.yml");
        assertEquals(List.of("items", "first-food", "spreading", "closure", "silent"),
                config.rules().stream().map(AlertRuleConfig::id).toList());
        var items = (AlertRuleConfig.ItemThreshold) config.rules().get(0);
        assertEquals(60, items.minScore());
        var first = (AlertRuleConfig.NewCategory) config.rules().get(1);
        assertEquals(Duration.ofDays(10), first.quietFor());
        assertEquals(List.of(RiskCategory.FOOD_SAFETY), first.categories());
        assertEquals(Map.of("desk", "market"), first.labels());
        var spread = (AlertRuleConfig.Spread) config.rules().get(2);
        assertEquals(AlertRuleConfig.Spread.Measure.CLUSTER, spread.measure());
        assertEquals(List.of(RiskLevel.YELLOW, RiskLevel.RED), List.copyOf(spread.levels().keySet()), "ordered by level");
        assertEquals(RiskLevel.NONE, spread.levelAt(2));
        assertEquals(RiskLevel.YELLOW, spread.levelAt(5));
        assertEquals(RiskLevel.RED, spread.levelAt(6));
        var closure = (AlertRuleConfig.KeywordWatch) config.rules().get(3);
        assertFalse(closure.enabled());
        assertEquals(RiskLevel.BLUE, closure.level());
        var silent = (AlertRuleConfig.SourceSilent) config.rules().get(4);
        assertEquals(Duration.ofHours(6), silent.minSilence());
        assertEquals(3.0, silent.factor());
        assertEquals(RiskLevel.YELLOW, silent.level());
        assertEquals(config.rules().get(3), config.rule("closure").orElseThrow());
    }

    @Test
    void mistakesNameTheRuleAndTheSetting() {
        assertMessage("""
                rules:
                  - id: x
                    kind: spred
                """, "r.yml:2:5: rules[0]: unknown rule kind 'spred' (expected item-threshold, new-category, spread,"
                + " keyword-watch, source-silent)");
        assertMessage("""
                rules:
                  - id: x
                """, "a rule needs a kind");
        assertMessage("""
                rules:
                  - id: x
                    kind: spread
                    levels: {orange: 5, red: 3}
                """, "rule 'x': levels must need more items for a higher level (red: 3 is not above 5)");
        assertMessage("""
                rules:
                  - id: x
                    kind: keyword-watch
                    excluded: [演练]
                """, "rule 'x': a keyword watch needs required or anyOf terms");
        assertMessage("""
                rules:
                  - id: x
                    kind: source-silent
                """, "rule 'x': a source-silent rule needs recipients");
        assertMessage("""
                rules:
                  - id: x
                    kind: source-silent
                    sources: [nope]
                    recipients: [ops@example.gov.cn]
                """, "rule 'x': source 'nope' is not among the configured sources");
        assertMessage("""
                rules:
                  - id: x
                    kind: item-threshold
                    minScore: 140
                """, "rule 'x': minScore must be within 0..100, not 140");
        assertMessage("""
                rules:
                  - id: x
                    kind: item-threshold
                  - id: x
                    kind: spread
                    levels: {red: 3}
                """, "rules: id 'x' is used twice");
        assertMessage("""
                rules:
                  - id: x
                    kind: new-category
                    quietFor: 0s
                """, "rule 'x': quietFor must be a positive duration");
        assertMessage("""
                rules:
                  - id: x
                    kind: item-threshold
                    minLevl: red
                """, "unknown setting 'minLevl' (did you mean minLevel?)");
    }

    @Test
    void routingTreeLoadsAndChecksMatchersAndReceivers() throws ConfigException {
        YuqingConfig config = loader.load("""
                desks:
                  - id: publicity
                    recipients: [xc@example.gov.cn]
                  - id: market
                    recipients: [sc@example.gov.cn]
                routing:
                  groupBy: [enterprise]
                  groupWait: 1m
                  routes:
                    - name: food
                      matchers: ["category=food-safety", "level>=Orange", "district=~东湖区|西湖区"]
                      receivers: [market]
                      continue: true
                      routes:
                        - matchers: ["level=red"]
                          groupWait: 0s
                    - receivers: [publicity]
                """, "t.yml");
        RoutingConfig routing = config.routing();
        assertTrue(routing.hasRoutes());
        RouteConfig food = routing.routes().getFirst();
        assertTrue(food.continueAfter());
        assertEquals("level>=orange", food.parsedMatchers().get(1).toString());
        assertNull(food.groupBy(), "inherited");
        assertEquals(Duration.ZERO, food.routes().getFirst().groupWait());
        assertFalse(routing.routes().get(1).continueAfter());

        assertMessage("""
                routing:
                  routes:
                    - matchers: ["colour=red"]
                """, "matcher 'colour=red': unknown label 'colour'");
        assertMessage("""
                routing:
                  routes:
                    - matchers: ["category>=food-safety"]
                """, ">= compares levels only");
        assertMessage("""
                routing:
                  routes:
                    - matchers: ["level=~(red"]
                """, "not a valid regular expression");
        assertMessage("""
                routing:
                  routes:
                    - name: x
                      receivers: [nobody]
                """, "route 'x': receivers: 'nobody' is not a desk id");
        assertMessage("""
                routing:
                  groupBy: [colour]
                """, "routing: groupBy label 'colour' is unknown");
    }

    private void assertMessage(String yaml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(yaml, "r.yml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
