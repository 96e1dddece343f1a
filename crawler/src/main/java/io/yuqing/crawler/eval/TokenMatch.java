package io.yuqing.crawler.eval;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How one page's predicted tokens match the true ones, as multisets: true positives, false positives and false
 * negatives, normalised to sum to 1 so that long pages weigh no more than short ones.
 */
record TokenMatch(double tp, double fp, double fn) {

    static TokenMatch of(Map<String, Integer> truth, Map<String, Integer> predicted) {
        Set<String> keys = new HashSet<>(truth.keySet());
        keys.addAll(predicted.keySet());
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (String key : keys) {
            int t = truth.getOrDefault(key, 0);
            int p = predicted.getOrDefault(key, 0);
            tp += Math.min(t, p);
            fp += Math.max(0, p - t);
            fn += Math.max(0, t - p);
        }
        double sum = tp + fp + fn;
        return sum > 0 ? new TokenMatch(tp / sum, fp / sum, fn / sum) : new TokenMatch(0, 0, 0);
    }

    boolean predictedAnything() {
        return tp + fp > 0;
    }

    boolean truthHasAnything() {
        return tp + fn > 0;
    }

    /** The benchmark's precision: 1 when both sides are empty, 0 when nothing predicted matched. */
    double precision() {
        if (fp == 0 && fn == 0) {
            return 1;
        }
        return tp + fp == 0 ? 0 : tp / (tp + fp);
    }

    double recall() {
        if (fp == 0 && fn == 0) {
            return 1;
        }
        return tp + fn == 0 ? 0 : tp / (tp + fn);
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
