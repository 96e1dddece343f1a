package io.yuqing.core.model;

import java.util.List;

/**
 * The scorer's judgement of one item.
 *
 * @param score        0–100
 * @param level        warning level derived from the score
 * @param categories   risk categories found, strongest first
 * @param evidence     the terms that triggered them
 * @param riskEntities ids of the enterprises the item is negative about
 */
public record RiskAssessment(int score, RiskLevel level, List<RiskCategory> categories, List<Evidence> evidence,
                             List<String> riskEntities) {
    public RiskAssessment {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("score out of range 0..100: " + score);
        }
        categories = List.copyOf(categories);
        evidence = List.copyOf(evidence);
        riskEntities = List.copyOf(riskEntities);
    }

    public static RiskAssessment none() {
        return new RiskAssessment(0, RiskLevel.NONE, List.of(), List.of(), List.of());
    }

    public boolean negative() {
        return !riskEntities.isEmpty() || (score > 0 && !categories.isEmpty());
    }
}
