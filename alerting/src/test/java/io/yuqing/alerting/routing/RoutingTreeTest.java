package io.yuqing.alerting.routing;

import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.DeskConfig;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routing tree: first match, continue, inheritance, and the desks' old routing translated into routes. */
class RoutingTreeTest {
    static final Enterprise DONGHU = new Enterprise("yf", "青州云帆科技有限公司", null, null, null, "东湖区", "软件");
    static final Enterprise XISHAN = new Enterprise("hx", "青州禾欣食品有限公司", null, null, null, "西山区", "食品");

    static YuqingConfig load(String yaml) throws Exception {
        return new ConfigLoader().load(yaml, "t.yml");
    }

    static AlertLabels labels(RiskLevel level, List<RiskCategory> categories, Enterprise e, Map<String, String> ruleLabels) {
        return AlertLabels.of(7, level, categories, e.id(), "feed", List.of("item-threshold"), ruleLabels, Optional.of(e));
    }

    static List<String> desks(RoutingTree tree, AlertLabels labels) {
        return tree.route(labels).stream().map(d -> d.desk().id() + "@" + d.route().key()).toList();
    }

    @Test
    void firstMatchingRouteTakesTheAlertUnlessItContinues() throws Exception {
        YuqingConfig c = load("""
                desks:
                  - id: publicity
                    recipients: [xc@example.gov.cn]
                  - id: united
                    recipients: [tz@example.gov.cn]
                  - id: market
                    recipients: [sc@example.gov.cn]
                routing:
                  receivers: [publicity]
                  groupBy: [enterprise]
                  groupWait: 1m
                  routes:
                    - name: food
                      matchers: ["category=food-safety"]
                      receivers: [market]
                      continue: true
                    - name: donghu
                      matchers: ["district=~东湖区|西湖区"]
                      receivers: [united]
                      groupBy: [enterprise, category]
                      routes:
                        - matchers: ["level>=orange"]
                          receivers: [united, publicity]
                          groupWait: 0s
                    - name: desk label
                      matchers: ["desk=market"]
                      receivers: [market]
                """);
        RoutingTree tree = RoutingTree.of(c.routing(), c.desks());
        assertEquals(List.of("market@0", "united@1"), desks(tree, labels(RiskLevel.BLUE,
                List.of(RiskCategory.FOOD_SAFETY), DONGHU, Map.of())), "food continues to the district route");
        assertEquals(List.of("united@1.0", "publicity@1.0"), desks(tree, labels(RiskLevel.RED,
                List.of(RiskCategory.WAGE_ARREARS), DONGHU, Map.of())), "the sub-route takes it");
        assertEquals(List.of("publicity@root"), desks(tree, labels(RiskLevel.RED,
                List.of(RiskCategory.WAGE_ARREARS), XISHAN, Map.of())), "no route: the root's receivers");
        assertEquals(List.of("market@2"), desks(tree, labels(RiskLevel.BLUE,
                List.of(RiskCategory.WAGE_ARREARS), XISHAN, Map.of("desk", "market"))), "a rule's desk label");

        RoutingTree.Route donghu = tree.root().routes().get(1);
        assertEquals(List.of("enterprise", "category"), donghu.groupBy());
        assertEquals(Duration.ofMinutes(1), donghu.groupWait(), "inherited from the root");
        RoutingTree.Route red = donghu.routes().getFirst();
        assertEquals(List.of("enterprise", "category"), red.groupBy(), "inherited from its parent");
        assertEquals(Duration.ZERO, red.groupWait());
        assertEquals(Duration.ofMinutes(5), red.groupInterval(), "the default");
        assertEquals("enterprise=yf;category=wage-arrears,food-safety", labels(RiskLevel.RED,
                List.of(RiskCategory.WAGE_ARREARS, RiskCategory.FOOD_SAFETY), DONGHU, Map.of()).groupKey(red.groupBy()));
    }

    @Test
    void withoutRoutesTheDesksRouteAsTheyAlwaysDid() throws Exception {
        YuqingConfig c = load("""
                desks:
                  - id: publicity
                    recipients: [xc@example.gov.cn]
                  - id: united
                    recipients: [tz@example.gov.cn]
                    categories: [wage-arrears, financial-distress]
                    minLevel: yellow
                  - id: market
                    recipients: [sc@example.gov.cn]
                    categories: [food-safety]
                    minLevel: orange
                """);
        RoutingTree tree = RoutingTree.of(c.routing(), c.desks());
        assertTrue(tree.translatedFromDesks());
        for (RiskLevel level : List.of(RiskLevel.BLUE, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED)) {
            for (List<RiskCategory> cats : List.of(List.of(RiskCategory.FOOD_SAFETY), List.of(RiskCategory.WAGE_ARREARS),
                    List.of(RiskCategory.FRAUD, RiskCategory.FINANCIAL_DISTRESS), List.<RiskCategory>of())) {
                List<String> expected = c.desks().stream().filter(d -> d.accepts(cats, level)).map(DeskConfig::id).toList();
                List<String> routed = tree.route(labels(level, cats, DONGHU, Map.of())).stream().map(d -> d.desk().id()).toList();
                assertEquals(expected, routed, level + " " + cats);
                assertTrue(tree.route(labels(level, cats, DONGHU, Map.of())).stream()
                        .allMatch(d -> d.route().immediatePerAlert()), "one mail per alert, at once");
            }
        }
    }
}
