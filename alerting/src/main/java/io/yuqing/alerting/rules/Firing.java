package io.yuqing.alerting.rules;

import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.Map;

/**
 * A rule firing for one enterprise at one item.
 *
 * @param at     the item's time (publish time, else fetch time)
 * @param reason why it fired, in Chinese, for the audit trail and {@code yuqing rules test}
 */
public record Firing(String ruleId, String kind, String enterpriseId, String enterpriseName, String documentId,
                     RiskLevel level, Map<String, String> labels, Instant at, String reason) {
    public Firing {
        labels = Map.copyOf(labels);
    }
}
