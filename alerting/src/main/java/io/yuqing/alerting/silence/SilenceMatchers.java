package io.yuqing.alerting.silence;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * What a silence matches. Every matcher given must equal the alert's value (for category: be one of the alert's
 * categories; for desk: be the desk the mail goes to); a null matcher matches anything. At least one is required,
 * so that no silence can mute everything by accident.
 */
public record SilenceMatchers(String enterpriseId, RiskCategory category, RiskLevel level, String deskId,
                              String sourceId) {
    public SilenceMatchers {
        enterpriseId = blankToNull(enterpriseId);
        deskId = blankToNull(deskId);
        sourceId = blankToNull(sourceId);
        if (level == RiskLevel.NONE) {
            throw new IllegalArgumentException("a silence on level must name blue, yellow, orange or red");
        }
        if (enterpriseId == null && category == null && level == null && deskId == null && sourceId == null) {
            throw new IllegalArgumentException(
                    "a silence needs at least one matcher (enterprise, category, level, desk or source)");
        }
    }

    public static SilenceMatchers enterprise(String enterpriseId) {
        return new SilenceMatchers(enterpriseId, null, null, null, null);
    }

    /** Whether mail to {@code deskId} about an alert with these attributes is silenced. */
    public boolean matches(String alertEnterpriseId, List<RiskCategory> alertCategories, RiskLevel alertLevel,
                           String alertDeskId, String alertSourceId) {
        return (enterpriseId == null || enterpriseId.equals(alertEnterpriseId))
                && (category == null || alertCategories.contains(category))
                && (level == null || level == alertLevel)
                && (deskId == null || deskId.equals(alertDeskId))
                && (sourceId == null || sourceId.equals(alertSourceId));
    }

    /** For the audit trail and the console, e.g. {@code 企业=x，等级=黄色预警}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (enterpriseId != null) {
            parts.add("企业=" + enterpriseId);
        }
        if (category != null) {
            parts.add("类别=" + category.label());
        }
        if (level != null) {
            parts.add("等级=" + level.label());
        }
        if (deskId != null) {
            parts.add("部门=" + deskId);
        }
        if (sourceId != null) {
            parts.add("来源=" + sourceId);
        }
        return String.join("，", parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
