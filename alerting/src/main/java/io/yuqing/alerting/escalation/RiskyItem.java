package io.yuqing.alerting.escalation;

import io.yuqing.alerting.Alert;
import io.yuqing.core.model.RiskCategory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One risky item about one enterprise, as the escalation detector sees it: who, which risk categories, which source,
 * and when it was seen.
 */
public record RiskyItem(String enterpriseId, List<RiskCategory> categories, String sourceId, Instant at) {
    public RiskyItem {
        Objects.requireNonNull(enterpriseId, "enterpriseId");
        Objects.requireNonNull(at, "at");
        categories = List.copyOf(categories);
        sourceId = sourceId == null ? "" : sourceId;
    }

    /** The item an alert stands for, timed when the alert was raised. */
    public static RiskyItem of(Alert alert) {
        return new RiskyItem(alert.enterpriseId(), alert.categories(), alert.sourceId(), alert.createdAt());
    }
}
