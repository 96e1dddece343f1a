package io.yuqing.core.config;

import io.yuqing.core.model.RiskLevel;

import java.util.Objects;

/** Scoring settings: the lowest score of each warning level. */
public record ScoringConfig(LevelThresholds levels) {
    public ScoringConfig {
        Objects.requireNonNull(levels, "levels");
    }

    /** Lowest score of each level; they must rise strictly from blue to red. */
    public record LevelThresholds(int blue, int yellow, int orange, int red) {
        public LevelThresholds {
            if (!(0 < blue && blue < yellow && yellow < orange && orange < red && red <= 100)) {
                throw new IllegalArgumentException("levels must rise strictly within 1..100: blue < yellow < orange < red, got "
                        + blue + ", " + yellow + ", " + orange + ", " + red);
            }
        }

        public RiskLevel levelFor(int score) {
            if (score >= red) {
                return RiskLevel.RED;
            } else if (score >= orange) {
                return RiskLevel.ORANGE;
            } else if (score >= yellow) {
                return RiskLevel.YELLOW;
            } else if (score >= blue) {
                return RiskLevel.BLUE;
            }
            return RiskLevel.NONE;
        }
    }
}
