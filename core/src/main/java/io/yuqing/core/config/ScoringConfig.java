package io.yuqing.core.config;

import io.yuqing.core.model.RiskLevel;

import java.time.Duration;
import java.util.Objects;

/**
 * Scoring settings.
 *
 * @param levels         the lowest score of each warning level
 * @param model          a risk model file from {@code yuqing train}; empty: the lexicon alone decides, until the
 *                       service has trained one from the staff's review decisions
 * @param trainingData   labelled items the retraining starts from, besides the reviews (FinNSP layout or JSON Lines);
 *                       empty: reviews only
 * @param retrainEvery   how often the service retrains from review decisions (0 turns retraining off)
 * @param minReviews     reviewed documents needed before the first retraining
 */
public record ScoringConfig(LevelThresholds levels, String model, String trainingData, Duration retrainEvery, int minReviews) {
    public ScoringConfig {
        Objects.requireNonNull(levels, "levels");
        model = model == null ? "" : model.strip();
        trainingData = trainingData == null ? "" : trainingData.strip();
        retrainEvery = retrainEvery == null ? Duration.ofDays(1) : retrainEvery;
        if (retrainEvery.isNegative()) {
            throw new IllegalArgumentException("retrainEvery must not be negative");
        }
        if (minReviews < 1) {
            throw new IllegalArgumentException("minReviews must be at least 1, not " + minReviews);
        }
    }

    public ScoringConfig(LevelThresholds levels) {
        this(levels, "", "", Duration.ofDays(1), 30);
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
