package io.yuqing.alerting.escalation;

import io.yuqing.core.model.RiskCategory;

import java.util.Objects;

/** What a count is kept for: one enterprise overall ({@code category == null}) or one enterprise in one category. */
public record EscalationKey(String enterpriseId, RiskCategory category) {
    public EscalationKey {
        Objects.requireNonNull(enterpriseId, "enterpriseId");
    }

    public static EscalationKey overall(String enterpriseId) {
        return new EscalationKey(enterpriseId, null);
    }

    @Override
    public String toString() {
        return category == null ? enterpriseId : enterpriseId + "/" + category.code();
    }
}
