package io.yuqing.alerting;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.Set;

/**
 * Which alerts to list or count. Every field is optional: null (or false, or 0) means any.
 *
 * @param openOnly      only alerts not yet closed (new, acknowledged or assigned); {@code status} is then ignored
 * @param enterpriseIds only alerts about one of these enterprises (e.g. all enterprises of a district); empty set
 *                      matches nothing
 * @param createdFrom   raised at or after
 * @param createdBefore raised before
 * @param afterId       only alerts with a larger id (what arrived since a page was shown)
 */
public record AlertFilter(AlertStatus status, boolean openOnly, RiskLevel level, String deskId, String enterpriseId,
                          Set<String> enterpriseIds, RiskCategory category, Instant createdFrom, Instant createdBefore,
                          long afterId) {
    public AlertFilter {
        enterpriseIds = enterpriseIds == null ? null : Set.copyOf(enterpriseIds);
    }

    public AlertFilter(AlertStatus status, RiskLevel level, String deskId, String enterpriseId) {
        this(status, false, level, deskId, enterpriseId, null, null, null, null, 0);
    }

    public static AlertFilter all() {
        return new AlertFilter(null, null, null, null);
    }

    public AlertFilter withStatus(AlertStatus s) {
        return new AlertFilter(s, openOnly, level, deskId, enterpriseId, enterpriseIds, category, createdFrom, createdBefore, afterId);
    }

    public AlertFilter withOpenOnly(boolean open) {
        return new AlertFilter(status, open, level, deskId, enterpriseId, enterpriseIds, category, createdFrom, createdBefore, afterId);
    }

    public AlertFilter withLevel(RiskLevel l) {
        return new AlertFilter(status, openOnly, l, deskId, enterpriseId, enterpriseIds, category, createdFrom, createdBefore, afterId);
    }

    public AlertFilter withDesk(String d) {
        return new AlertFilter(status, openOnly, level, d, enterpriseId, enterpriseIds, category, createdFrom, createdBefore, afterId);
    }

    public AlertFilter withEnterprise(String e) {
        return new AlertFilter(status, openOnly, level, deskId, e, enterpriseIds, category, createdFrom, createdBefore, afterId);
    }

    public AlertFilter withEnterprises(Set<String> ids) {
        return new AlertFilter(status, openOnly, level, deskId, enterpriseId, ids, category, createdFrom, createdBefore, afterId);
    }

    public AlertFilter withCategory(RiskCategory c) {
        return new AlertFilter(status, openOnly, level, deskId, enterpriseId, enterpriseIds, c, createdFrom, createdBefore, afterId);
    }

    public AlertFilter createdBetween(Instant from, Instant before) {
        return new AlertFilter(status, openOnly, level, deskId, enterpriseId, enterpriseIds, category, from, before, afterId);
    }

    public AlertFilter withAfterId(long id) {
        return new AlertFilter(status, openOnly, level, deskId, enterpriseId, enterpriseIds, category, createdFrom, createdBefore, id);
    }
}
