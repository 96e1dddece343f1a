package io.yuqing.alerting.escalation;

/** Poisson tail probabilities, computed from whichever side is numerically safe. */
final class Poisson {
    private static final int TABLE = 256;
    private static final double[] LOG_FACTORIAL = new double[TABLE];

    static {
        for (int n = 1; n < TABLE; n++) {
            LOG_FACTORIAL[n] = LOG_FACTORIAL[n - 1] + Math.log(n);
        }
    }

    private Poisson() {
    }

    static double logFactorial(int n) {
        if (n < TABLE) {
            return LOG_FACTORIAL[n];
        }
        double x = n + 1.0; // Stirling series for ln Γ(x)
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    /** P(X ≥ k) for X ~ Poisson(lambda). */
    static double upperTail(int k, double lambda) {
        if (k <= 0) {
            return 1.0;
        }
        if (lambda <= 0) {
            return 0.0;
        }
        if (k > lambda) {
            // Sum the tail upwards from k: terms shrink, no cancellation.
            double term = Math.exp(-lambda + k * Math.log(lambda) - logFactorial(k));
            double sum = 0;
            for (int j = k; j < k + 10_000 && term > sum * 1e-16; j++) {
                sum += term;
                term *= lambda / (j + 1);
            }
            return Math.min(1.0, sum);
        }
        double term = Math.exp(-lambda);
        double below = 0;
        for (int j = 0; j < k; j++) {
            below += term;
            term *= lambda / (j + 1);
        }
        return Math.max(0.0, 1.0 - below);
    }
}
