package io.yuqing.alerting.escalation;

/**
 * Decides whether a window's count is surprising given what the baseline expected. Both rules see the same numbers,
 * so the evaluation compares like with like.
 */
public sealed interface SurpriseRule {
    /** True when the window should fire (before hysteresis). */
    boolean surprising(WindowStats w);

    /** True when a firing window has gone quiet enough to count towards resolving. */
    boolean calm(WindowStats w);

    /** True when the window is so surprising that waiting for a second evaluation would only add delay. */
    default boolean urgent(WindowStats w) {
        return false;
    }

    /**
     * Poisson upper tail: fire when P(X ≥ count | expected), multiplied by the number of windows tried, is below
     * {@code fireP}; calm when it is above {@code calmP}; fire at once, without the pending period, when it is below
     * {@code urgentP}. Works near zero, where most enterprises live.
     */
    record PoissonTail(double fireP, double calmP, double urgentP) implements SurpriseRule {
        public PoissonTail {
            if (!(fireP > 0 && fireP < calmP && calmP <= 1)) {
                throw new IllegalArgumentException("need 0 < fireP < calmP <= 1, got " + fireP + " and " + calmP);
            }
            if (!(urgentP >= 0 && urgentP <= fireP)) {
                throw new IllegalArgumentException("need 0 <= urgentP <= fireP, got " + urgentP + " and " + fireP);
            }
        }

        /** No shortcut: every firing waits for a second evaluation. */
        public PoissonTail(double fireP, double calmP) {
            this(fireP, calmP, 0);
        }

        @Override
        public boolean urgent(WindowStats w) {
            return w.correctedP() < urgentP;
        }

        @Override
        public boolean surprising(WindowStats w) {
            return w.correctedP() < fireP;
        }

        @Override
        public boolean calm(WindowStats w) {
            return w.correctedP() > calmP;
        }
    }

    /**
     * The classic mean + kσ rule, σ from the baseline's bucket-count variance scaled to the window. Kept as the
     * comparison baseline: near zero σ collapses and almost any count looks surprising.
     */
    record MeanPlusKSigma(double fireK, double calmK) implements SurpriseRule {
        public MeanPlusKSigma {
            if (!(calmK < fireK)) {
                throw new IllegalArgumentException("need calmK < fireK, got " + calmK + " and " + fireK);
            }
        }

        @Override
        public boolean surprising(WindowStats w) {
            return w.count() > w.expected() + fireK * Math.sqrt(w.variance());
        }

        @Override
        public boolean calm(WindowStats w) {
            return w.count() <= w.expected() + calmK * Math.sqrt(w.variance());
        }
    }

    /**
     * One window's numbers.
     *
     * @param variance   baseline variance of the window's count (bucket variance scaled to the window)
     * @param correctedP Poisson upper tail of count, times the number of windows tried, capped at 1
     */
    record WindowStats(int count, double expected, double variance, double correctedP) {
    }
}
