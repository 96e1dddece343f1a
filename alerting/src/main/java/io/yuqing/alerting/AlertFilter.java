package io.yuqing.alerting;

import io.yuqing.core.model.RiskLevel;

/** Which alerts to list or count. Every field is optional: null means any. */
public record AlertFilter(AlertStatus status, RiskLevel level, String deskId, String enterpriseId) {
    public static AlertFilter all() {
        return new AlertFilter(null, null, null, null);
    }

    public AlertFilter withStatus(AlertStatus s) {
        return new AlertFilter(s, level, deskId, enterpriseId);
    }

    public AlertFilter withLevel(RiskLevel l) {
        return new AlertFilter(status, l, deskId, enterpriseId);
    }

    public AlertFilter withDesk(String d) {
        return new AlertFilter(status, level, d, enterpriseId);
    }

    public AlertFilter withEnterprise(String e) {
        return new AlertFilter(status, level, deskId, e);
    }
}
