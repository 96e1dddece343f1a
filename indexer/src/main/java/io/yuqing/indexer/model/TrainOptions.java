package io.yuqing.indexer.model;

/**
 * How {@link RiskModel#train} fits the model.
 *
 * @param epochs       passes over the training pairs
 * @param learningRate AdaGrad base step
 * @param l2           L2 penalty per update on the touched weights
 * @param hashBits     size of the hashed feature space, 2^hashBits weights
 * @param threshold    probability from which an entity counts as a risk entity
 * @param seed         seed of the shuffling, so training is repeatable
 */
public record TrainOptions(int epochs, double learningRate, double l2, int hashBits, double threshold, long seed) {
    public TrainOptions {
        if (epochs < 1 || epochs > 1000) {
            throw new IllegalArgumentException("epochs must be within 1..1000, got " + epochs);
        }
        if (!(learningRate > 0) || !(l2 >= 0)) {
            throw new IllegalArgumentException("learning rate must be > 0 and l2 >= 0, got " + learningRate + ", " + l2);
        }
        if (hashBits < 10 || hashBits > 26) {
            throw new IllegalArgumentException("hashBits must be within 10..26, got " + hashBits);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be within (0, 1), got " + threshold);
        }
    }

    /** The settings the project trains with (chosen by 5-fold cross-validation on FinNSP). */
    public static TrainOptions defaults() {
        return new TrainOptions(4, 0.1, 1e-5, 20, 0.35, 20260101L);
    }

    public TrainOptions withEpochs(int e) {
        return new TrainOptions(e, learningRate, l2, hashBits, threshold, seed);
    }
}
