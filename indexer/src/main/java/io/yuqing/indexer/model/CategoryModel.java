package io.yuqing.indexer.model;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.indexer.score.RiskLexicon;
import io.yuqing.indexer.text.TextNormalizer;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Which kind of risk an item reports about an enterprise: one-vs-rest logistic regression over hashed features, one
 * weight vector per event type of the training data (FinESE's 22, say), each type mapped to one of our
 * {@link RiskCategory categories} or to none. Trained on the fine types because they are coherent in wording
 * (业绩下滑 and 资金账户风险 are both financial distress but read nothing alike); the answer is the category of the
 * highest-scoring type, or none when that type maps to none.
 *
 * <p>Features, with the subject's name replaced by {@value PairFeatures#SELF}: character 1–3-grams of the first
 * {@value #TEXT_CHARS} chars and of the ±{@value #WINDOW}-char windows around the subject's first
 * {@value #MAX_WINDOWS} mentions, and the lexicon's terms and categories in each (so the curated vocabulary helps
 * where the training data is thin).
 */
public final class CategoryModel {
    static final int TEXT_CHARS = 300;
    static final int WINDOW = 30;
    static final int MAX_WINDOWS = 4;
    static final int AFTER = 20;

    /** An example: text, the enterprise it is about (may be empty), and its event type. */
    public record Example(String text, String subject, String type) {
    }

    /** How the classifier is fitted. */
    public record Options(int epochs, double learningRate, double l2, int hashBits, long seed) {
        public Options {
            if (epochs < 1 || epochs > 1000 || !(learningRate > 0) || !(l2 >= 0) || hashBits < 10 || hashBits > 24) {
                throw new IllegalArgumentException("category model options out of range: epochs 1..1000, learning rate > 0, "
                        + "l2 >= 0, hash bits 10..24; got " + epochs + ", " + learningRate + ", " + l2 + ", " + hashBits);
            }
        }

        /** Chosen by 5-fold cross-validation on FinESE, confirmed on a held-out fifth (docs/benchmarks.md). */
        public static Options defaults() {
            return new Options(6, 0.1, 1e-6, 18, 20260101L);
        }
    }

    /**
     * The classifier's answer: the category whose types' probabilities add up highest (empty when the types mapped to
     * none do), its share of all the types' probability, and the single highest-scoring type.
     */
    public record Prediction(Optional<RiskCategory> category, String type, double probability) {
    }

    private final List<String> types;
    private final List<RiskCategory> categoryOfType;
    /** Weight of feature slot i for type t at {@code i * types + t}: one slot's weights share a cache line. */
    private final float[] weights;
    private final int hashBits;
    private final RiskLexicon lexicon;

    private CategoryModel(List<String> types, List<RiskCategory> categoryOfType, float[] weights, int hashBits) {
        this.types = List.copyOf(types);
        this.categoryOfType = java.util.Collections.unmodifiableList(new ArrayList<>(categoryOfType));
        this.weights = weights;
        this.hashBits = hashBits;
        this.lexicon = RiskLexicon.loadDefault();
    }

    /**
     * Trains one binary classifier per type.
     *
     * @param mapping the category of each type, null for none; every example's type must be in it
     */
    public static CategoryModel train(List<Example> examples, java.util.Map<String, RiskCategory> mapping, Options options) {
        if (mapping.isEmpty()) {
            throw new IllegalArgumentException("the type-to-category mapping is empty: nothing to learn");
        }
        List<String> types = new ArrayList<>(mapping.keySet());
        List<RiskCategory> categories = types.stream().map(mapping::get).toList();
        // Feature extraction needs only the hash size and the lexicon, not weights.
        CategoryModel shape = new CategoryModel(types, categories, new float[0], options.hashBits());
        int[][] x = new int[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            x[i] = shape.features(e.text(), e.subject());
            y[i] = types.indexOf(e.type());
            if (y[i] < 0) {
                throw new IllegalArgumentException("example " + (i + 1) + ": event type '" + e.type() + "' is not in the mapping");
            }
        }
        int size = 1 << options.hashBits();
        int k = types.size();
        float[] w = new float[size * k];
        float[] g2 = new float[size * k];
        int[] order = new int[examples.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(options.seed());
        double[] score = new double[k];
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int e : order) {
                int[] f = x[e];
                scores(w, k, f, score);
                for (int t = 0; t < k; t++) {
                    double g = sigmoid(score[t]) - (y[e] == t ? 1 : 0);
                    for (int i : f) {
                        int at = i * k + t;
                        double gi = g + options.l2() * w[at];
                        g2[at] += (float) (gi * gi);
                        w[at] -= (float) (options.learningRate() * gi / Math.sqrt(g2[at] + 1e-8));
                    }
                }
            }
        }
        return new CategoryModel(types, categories, w, options.hashBits());
    }

    /** The category of the item about {@code subject} (empty for the item as a whole). */
    public Prediction predict(String text, String subject) {
        return predictNormalized(TextNormalizer.normalize(text).text(), subject);
    }

    /** The same on a text already in {@link TextNormalizer} form. */
    Prediction predictNormalized(String key, String subject) {
        int[] f = featuresOfKey(key, subject);
        double[] score = new double[types.size()];
        scores(weights, types.size(), f, score);
        // Types of one category pool their probabilities (业绩下滑 and 资金账户风险 both say financial distress).
        java.util.Map<RiskCategory, Double> pooled = new java.util.HashMap<>();
        double none = 0;
        int bestType = 0;
        double bestTypeP = -1;
        for (int t = 0; t < types.size(); t++) {
            double p = sigmoid(score[t]);
            RiskCategory c = categoryOfType.get(t);
            if (c == null) {
                none += p;
            } else {
                pooled.merge(c, p, Double::sum);
            }
            if (p > bestTypeP) {
                bestTypeP = p;
                bestType = t;
            }
        }
        RiskCategory best = null;
        double bestP = none;
        for (var e : pooled.entrySet()) {
            if (e.getValue() > bestP) {
                best = e.getKey();
                bestP = e.getValue();
            }
        }
        double total = none + pooled.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Prediction(Optional.ofNullable(best), types.get(bestType), total == 0 ? 0 : bestP / total);
    }

    /**
     * The categories staff see, strongest first. Within the categories it was trained on, the classifier decides:
     * its category leads, followed by the lexicon's others; when it names none (a rating change, a change of control),
     * the lexicon's categories of those kinds are dropped (their terms stay in the evidence, so nothing is hidden from
     * the reviewer). Categories it never saw (wage arrears, accidents, pollution…) stay as the lexicon found them.
     */
    public List<RiskCategory> rank(List<RiskCategory> lexiconCategories, Prediction prediction) {
        if (prediction.category().isEmpty()) {
            return lexiconCategories.stream().filter(c -> !categoryOfType.contains(c)).toList();
        }
        RiskCategory first = prediction.category().get();
        List<RiskCategory> out = new ArrayList<>(lexiconCategories.size() + 1);
        out.add(first);
        lexiconCategories.stream().filter(c -> c != first).forEach(out::add);
        return List.copyOf(out);
    }

    int[] features(String text, String subject) {
        return featuresOfKey(TextNormalizer.normalize(text).text(), subject);
    }

    private int[] featuresOfKey(String key, String subject) {
        String name = TextNormalizer.key(subject);
        String masked = name.isEmpty() ? key : key.replace(name, String.valueOf(PairFeatures.SELF));
        PairFeatures.Features f = new PairFeatures.Features();
        f.add("bias");
        String head = masked.substring(0, Math.min(masked.length(), TEXT_CHARS));
        ngrams(f, 'a', head);
        terms(f, "a", head);
        int windows = 0;
        for (int i = masked.indexOf(PairFeatures.SELF); i >= 0 && windows < MAX_WINDOWS;
             i = masked.indexOf(PairFeatures.SELF, i + 1), windows++) {
            String window = masked.substring(Math.max(0, i - WINDOW), Math.min(masked.length(), i + WINDOW + 1));
            ngrams(f, 's', window);
            terms(f, "s", window);
            // What follows the subject is usually its event (雅虎承认发生…数据泄露); what precedes, who reports it.
            String after = masked.substring(i, Math.min(masked.length(), i + AFTER + 1));
            ngrams(f, 'r', after);
            terms(f, "r", after);
        }
        f.add("mentions:" + windows);
        return f.toArray((1 << hashBits) - 1);
    }

    private void terms(PairFeatures.Features f, String prefix, String s) {
        for (RiskLexicon.Hit h : lexicon.find(s)) {
            f.add(prefix + "term:" + h.term().term());
            f.add(prefix + "cat:" + h.term().category().code());
        }
    }

    private static void ngrams(PairFeatures.Features f, char prefix, String s) {
        for (int i = 0; i < s.length(); i++) {
            long h = PairFeatures.Features.FNV_OFFSET ^ prefix;
            for (int n = 0; n < 3 && i + n < s.length(); n++) {
                h = (h ^ s.charAt(i + n)) * PairFeatures.Features.FNV_PRIME;
                f.addHash(h * 31 + n);
            }
        }
    }

    /** Event types, in weight order. */
    public List<String> types() {
        return types;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(hashBits);
        out.writeInt(types.size());
        for (int t = 0; t < types.size(); t++) {
            out.writeUTF(types.get(t));
            out.writeUTF(categoryOfType.get(t) == null ? "" : categoryOfType.get(t).code());
            int nonZero = 0;
            for (int i = t; i < weights.length; i += types.size()) {
                nonZero += weights[i] != 0f ? 1 : 0;
            }
            out.writeInt(nonZero);
            for (int i = 0; i < weights.length / types.size(); i++) {
                float v = weights[i * types.size() + t];
                if (v != 0f) {
                    out.writeInt(i);
                    out.writeFloat(v);
                }
            }
        }
    }

    static CategoryModel read(DataInputStream in, String source) throws IOException {
        int bits = in.readInt();
        if (bits < 10 || bits > 24) {
            throw new IOException(source + ": category hash bits out of range: " + bits);
        }
        int count = in.readInt();
        if (count < 1 || count > 1000) {
            throw new IOException(source + ": category type count out of range: " + count);
        }
        List<String> types = new ArrayList<>();
        List<RiskCategory> categories = new ArrayList<>();
        int slots = 1 << bits;
        float[] w = new float[slots * count];
        for (int t = 0; t < count; t++) {
            types.add(in.readUTF());
            String code = in.readUTF();
            try {
                categories.add(code.isEmpty() ? null : RiskCategory.fromCode(code));
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": category model names an unknown category '" + code + "'", e);
            }
            int nonZero = in.readInt();
            if (nonZero < 0 || nonZero > slots) {
                throw new IOException(source + ": category weight count out of range: " + nonZero);
            }
            for (int k = 0; k < nonZero; k++) {
                int i = in.readInt();
                if (i < 0 || i >= slots) {
                    throw new IOException(source + ": category weight index out of range: " + i);
                }
                w[i * count + t] = in.readFloat();
            }
        }
        return new CategoryModel(types, categories, w, bits);
    }

    /** Written so that the row-touching reads cannot be optimised away; never read. */
    @SuppressWarnings("unused")
    private static float touchedRows;

    /** Every type's score (sum of its weights over the present features) into {@code out}. */
    private static void scores(float[] w, int k, int[] f, double[] out) {
        // A text's rows lie scattered over a table of tens of MB, and the sums below keep only a few rows in flight.
        // Reading the first and last weight of every row first, in independent loads, has the memory system fetch
        // many rows at once; the sums then find them in cache. They run in the same order as ever: the same bits.
        float touched = 0;
        for (int i : f) {
            touched += w[i * k] + w[i * k + k - 1];
        }
        touchedRows = touched;
        Arrays.fill(out, 0);
        for (int i : f) {
            int base = i * k;
            for (int t = 0; t < k; t++) {
                out[t] += w[base + t];
            }
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
