package io.yuqing.alerting.routing;

import io.yuqing.core.config.RouteConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labels routes match and group on. Category and rule may hold several values (an alert with two categories);
 * a label the alert lacks has no values (matches only negative matchers and groups as empty).
 */
public record AlertLabels(Map<String, List<String>> values) {
    public AlertLabels {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param alertId    the alert's id (0 before it is stored: routes should not match on it)
     * @param ruleIds    the rules that fired for the alert
     * @param ruleLabels labels the rules carry (e.g. desk); the alert's own labels win over them
     * @param enterprise the watchlist entry, for district and industry; empty when unknown
     */
    public static AlertLabels of(long alertId, RiskLevel level, List<RiskCategory> categories, String enterpriseId,
                                 String sourceId, Collection<String> ruleIds, Map<String, String> ruleLabels,
                                 Optional<Enterprise> enterprise) {
        Map<String, List<String>> v = new LinkedHashMap<>();
        ruleLabels.forEach((k, value) -> {
            if (RouteConfig.LABELS.contains(k)) {
                v.put(k, List.of(value));
            }
        });
        v.put("alert", List.of(Long.toString(alertId)));
        v.put("level", List.of(level.code()));
        v.put("category", categories.stream().map(RiskCategory::code).toList());
        v.put("enterprise", List.of(enterpriseId));
        v.put("rule", List.copyOf(ruleIds));
        v.put("source", List.of(sourceId));
        enterprise.filter(e -> !e.district().isEmpty()).ifPresent(e -> v.put("district", List.of(e.district())));
        enterprise.filter(e -> !e.industry().isEmpty()).ifPresent(e -> v.put("industry", List.of(e.industry())));
        return new AlertLabels(v);
    }

    /** The same labels for the stored alert. */
    public AlertLabels withAlert(long alertId) {
        Map<String, List<String>> v = new LinkedHashMap<>(values);
        v.put("alert", List.of(Long.toString(alertId)));
        return new AlertLabels(v);
    }

    /** The same labels at another level (a raised alert). */
    public AlertLabels withLevel(RiskLevel level) {
        Map<String, List<String>> v = new LinkedHashMap<>(values);
        v.put("level", List.of(level.code()));
        return new AlertLabels(v);
    }

    public List<String> get(String label) {
        return values.getOrDefault(label, List.of());
    }

    /** The group key: each groupBy label with its values, e.g. {@code enterprise=x;category=wage-arrears}. */
    public String groupKey(List<String> groupBy) {
        List<String> parts = new ArrayList<>();
        for (String label : groupBy) {
            parts.add(label + "=" + String.join(",", get(label)));
        }
        return String.join(";", parts);
    }
}
