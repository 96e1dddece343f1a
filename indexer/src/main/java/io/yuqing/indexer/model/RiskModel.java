package io.yuqing.indexer.model;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.indexer.match.WatchlistMatcher;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;
import io.yuqing.indexer.text.TextNormalizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Logistic regression over hashed features of (item, candidate entity) pairs ({@link PairFeatures}): the probability
 * that the item is negative news about that entity. Trained with AdaGrad and L2 on the CPU in seconds.
 *
 * <p>File format (gzip): the bytes {@code YQRM}, format version, feature-scheme version, hash bits, threshold, the
 * number of non-zero weights, then (index int, weight float) for each; then whether a {@link CategoryModel} follows,
 * and if so its hash bits, types and sparse weights. A file of another version is refused with a message saying so
 * rather than read wrongly.
 */
public final class RiskModel {
    private static final Logger LOG = LoggerFactory.getLogger(RiskModel.class);
    private static final byte[] MAGIC = "YQRM".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 2;
    /** Bump whenever {@link PairFeatures} changes what a hash means: old weights would silently mean other things. */
    static final int FEATURE_SCHEME = 3;
    /** Levels used for the lexicon view while preparing features; features use only its score and evidence. */
    static final ScoringConfig.LevelThresholds FEATURE_LEVELS = new ScoringConfig.LevelThresholds(40, 55, 70, 85);

    private final float[] weights;
    private final int hashBits;
    private final double threshold;
    private final PairFeatures features;
    private final CategoryModel categories;

    private RiskModel(float[] weights, int hashBits, double threshold, CategoryModel categories) {
        this.weights = weights;
        this.hashBits = hashBits;
        this.threshold = threshold;
        this.features = new PairFeatures(RiskLexicon.loadDefault(), hashBits);
        this.categories = categories;
    }

    /** This model with a category classifier (replacing any it had): {@link ModelRiskScorer} then uses it. */
    public RiskModel withCategories(CategoryModel categoryModel) {
        return new RiskModel(weights, hashBits, threshold, java.util.Objects.requireNonNull(categoryModel, "categoryModel"));
    }

    /** The category classifier, when the model was trained with one. */
    public java.util.Optional<CategoryModel> categories() {
        return java.util.Optional.ofNullable(categories);
    }

    /** Trains on labelled items (each item's {@code entities} is its watchlist). */
    public static RiskModel train(List<LabelledItem> items, TrainOptions options) {
        return trainPrepared(prepare(items, options.hashBits()), options);
    }

    /** Matches, scores with the lexicon and extracts features once, so cross-validation can reuse them. */
    public static List<PreparedItem> prepare(List<LabelledItem> items, int hashBits) {
        PairFeatures pairFeatures = new PairFeatures(RiskLexicon.loadDefault(), hashBits);
        List<PreparedItem> out = new ArrayList<>(items.size());
        for (LabelledItem item : items) {
            List<Enterprise> watchlist = new ArrayList<>();
            Map<String, String> nameById = new HashMap<>();
            int n = 0;
            for (String name : item.entities()) {
                if (name.isBlank() || nameById.containsValue(name.strip())) {
                    continue;
                }
                String id = "e" + (n++);
                watchlist.add(new Enterprise(id, name, List.of(), List.of(), "", "", ""));
                nameById.put(id, name.strip());
            }
            List<Mention> mentions = new WatchlistMatcher(watchlist).match(item.title(), item.text());
            RiskAssessment lexicon = new LexiconRiskScorer(FEATURE_LEVELS, watchlist).score(item.title(), item.text(), mentions);
            List<PairFeatures.Candidate> candidates = mentions.stream()
                    .map(m -> new PairFeatures.Candidate(m.enterpriseId(), List.of(TextNormalizer.key(m.name()))))
                    .toList();
            List<int[]> f = pairFeatures.extract(item.title(), item.text(), candidates, lexicon);
            List<String> names = mentions.stream().map(m -> nameById.get(m.enterpriseId())).toList();
            List<Boolean> labels = names.stream().map(item.riskEntities()::contains).toList();
            List<String> lexiconNames = lexicon.riskEntities().stream().map(nameById::get).toList();
            out.add(new PreparedItem(item, names, f, labels, lexicon, lexiconNames));
        }
        return out;
    }

    /** Trains on items already prepared with {@code options.hashBits()}. */
    public static RiskModel trainPrepared(List<PreparedItem> items, TrainOptions options) {
        List<int[]> x = new ArrayList<>();
        List<Boolean> y = new ArrayList<>();
        for (PreparedItem p : items) {
            x.addAll(p.features());
            y.addAll(p.labels());
        }
        int size = 1 << options.hashBits();
        float[] w = new float[size];
        float[] g2 = new float[size];
        int[] order = new int[x.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(options.seed());
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            shuffle(order, random);
            double loss = 0;
            for (int k : order) {
                int[] f = x.get(k);
                double p = sigmoid(dot(w, f));
                double label = y.get(k) ? 1 : 0;
                loss -= label == 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
                double g = p - label;
                for (int i : f) {
                    double gi = g + options.l2() * w[i];
                    g2[i] += (float) (gi * gi);
                    w[i] -= (float) (options.learningRate() * gi / Math.sqrt(g2[i] + 1e-8));
                }
            }
            LOG.debug("epoch {}: mean log loss {}", epoch + 1, String.format(Locale.ROOT, "%.4f", loss / Math.max(1, x.size())));
        }
        return new RiskModel(w, options.hashBits(), options.threshold(), null);
    }

    /** Probability that the item is negative about the pair whose features are {@code f}. */
    public double probability(int[] f) {
        return sigmoid(dot(weights, f));
    }

    /** Probabilities for each candidate, in candidate order; title and text in {@link TextNormalizer} form. */
    List<Double> probabilities(String titleKey, String textKey, List<PairFeatures.Candidate> candidates,
                               RiskAssessment lexicon) {
        List<Double> out = new ArrayList<>(candidates.size());
        for (int[] f : features.extractNormalized(titleKey, textKey, candidates, lexicon)) {
            out.add(probability(f));
        }
        return out;
    }

    public double threshold() {
        return threshold;
    }

    public int hashBits() {
        return hashBits;
    }

    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        int nonZero = 0;
        for (float v : weights) {
            if (v != 0f) {
                nonZero++;
            }
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file))))) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(FEATURE_SCHEME);
            out.writeInt(hashBits);
            out.writeDouble(threshold);
            out.writeInt(nonZero);
            for (int i = 0; i < weights.length; i++) {
                if (weights[i] != 0f) {
                    out.writeInt(i);
                    out.writeFloat(weights[i]);
                }
            }
            out.writeBoolean(categories != null);
            if (categories != null) {
                categories.write(out);
            }
        }
    }

    /** Reads a model written by {@link #save}; a file that is not one, or of another version, fails with a clear message. */
    public static RiskModel load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a Yuqing risk model");
            }
            int format = in.readInt();
            int scheme = in.readInt();
            if (format != FORMAT_VERSION || scheme != FEATURE_SCHEME) {
                throw new IOException(file + " is a risk model of format " + format + "/features " + scheme
                        + "; this version reads format " + FORMAT_VERSION + "/features " + FEATURE_SCHEME + ": retrain it");
            }
            int bits = in.readInt();
            if (bits < 10 || bits > 26) {
                throw new IOException(file + ": hash bits out of range: " + bits);
            }
            double threshold = in.readDouble();
            int nonZero = in.readInt();
            float[] w = new float[1 << bits];
            if (nonZero < 0 || nonZero > w.length) {
                throw new IOException(file + ": weight count out of range: " + nonZero);
            }
            for (int k = 0; k < nonZero; k++) {
                int i = in.readInt();
                if (i < 0 || i >= w.length) {
                    throw new IOException(file + ": weight index out of range: " + i);
                }
                w[i] = in.readFloat();
            }
            CategoryModel categoryModel = in.readBoolean() ? CategoryModel.read(in, file.toString()) : null;
            return new RiskModel(w, bits, threshold, categoryModel);
        } catch (EOFException | java.util.zip.ZipException e) {
            throw new IOException(file + " is truncated or not a Yuqing risk model", e);
        }
    }

    private static double dot(float[] w, int[] f) {
        double s = 0;
        for (int i : f) {
            s += w[i];
        }
        return s;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
