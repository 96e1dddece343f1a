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

    /**
     * P(N ≥ k) when stories arrive as Poisson with mean {@code mean / (1 + q)} and each story is, with probability
     * {@code q}, copied once more by a second outlet: N counts stories plus copies, so its mean is {@code mean}. With
     * {@code q = 0} this is the plain Poisson tail. Point masses by Panjer's recursion for a compound Poisson with
     * cluster sizes 1 and 2: p(n) = (μ / n) · ((1 − q) · p(n − 1) + 2q · p(n − 2)), all terms positive.
     */
    static double clusteredUpperTail(int k, double mean, double q) {
        if (q <= 0) {
            return upperTail(k, mean);
        }
        if (k <= 0) {
            return 1.0;
        }
        if (mean <= 0) {
            return 0.0;
        }
        double mu = mean / (1 + q);
        if (mu > 600) {
            return upperTail(k, mean); // e^−μ would underflow; no enterprise is mentioned this often in one window
        }
        double older = 0;
        double old = Math.exp(-mu); // p(0)
        double below = 0;
        for (int n = 1; n < k; n++) {
            below += old;
            double next = mu / n * ((1 - q) * old + 2 * q * older);
            older = old;
            old = next;
        }
        below += old; // p(0) … p(k − 1); old is p(k − 1), older p(k − 2)
        if (k > mean) {
            // Sum the tail upwards from k: terms shrink, no cancellation.
            double pPrev = old;     // p(k − 1)
            double pPrev2 = older;  // p(k − 2)
            double sum = 0;
            for (int n = k; n < k + 10_000; n++) {
                double term = mu / n * ((1 - q) * pPrev + 2 * q * pPrev2);
                sum += term;
                // Two terms at a time: with every story copied, odd counts are impossible and their term is zero.
                if (n > 2 * k && term + pPrev <= sum * 1e-16) {
                    break;
                }
                pPrev2 = pPrev;
                pPrev = term;
            }
            return Math.min(1.0, sum);
        }
        return Math.max(0.0, 1.0 - below);
    }
}
