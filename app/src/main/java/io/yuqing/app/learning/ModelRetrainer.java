package io.yuqing.app.learning;

import io.yuqing.alerting.export.ReviewExport;
import io.yuqing.core.config.ScoringConfig;
import io.yuqing.indexer.eval.RiskEvaluation;
import io.yuqing.indexer.model.LabelledItem;
import io.yuqing.indexer.model.LabelledItems;
import io.yuqing.indexer.model.RiskModel;
import io.yuqing.indexer.model.TrainOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Learns from the staff: trains a new risk model from their review decisions (confirmed = negative about the
 * enterprise, false positive = not), plus the configured starting data, and keeps it only if it does at least as well
 * as the current scorer on reviews held back from training. The kept model is saved under {@code <dataDir>/models}
 * and survives restarts ({@code current.model}).
 */
public final class ModelRetrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ModelRetrainer.class);
    /** One review in five is held back to judge the new model; chosen by document id so the split is stable. */
    static final int HOLD_BACK_ONE_IN = 5;

    /** What a retraining round came to. */
    public sealed interface Outcome {
        record Skipped(String reason) implements Outcome {
        }

        record Kept(Path model, double newEntityF1, double currentEntityF1, int trainedOn, int heldBack) implements Outcome {
        }

        record Rejected(double newEntityF1, double currentEntityF1, int trainedOn, int heldBack) implements Outcome {
        }
    }

    private final DataSource dataSource;
    private final ScoringConfig scoring;
    private final Path modelDir;
    private final Clock clock;
    private final Consumer<RiskModel> install;

    /** @param install called with a kept model, to start scoring with it */
    public ModelRetrainer(DataSource dataSource, ScoringConfig scoring, Path dataDir, Clock clock, Consumer<RiskModel> install) {
        this.dataSource = dataSource;
        this.scoring = scoring;
        this.modelDir = dataDir.resolve("models");
        this.clock = clock;
        this.install = install;
    }

    /** The model to start with: the last kept one, else the configured one, else none (lexicon alone). */
    public Optional<RiskModel> initialModel() throws IOException {
        Path current = modelDir.resolve("current.model");
        if (Files.isRegularFile(current)) {
            return Optional.of(RiskModel.load(current));
        }
        if (!scoring.model().isEmpty()) {
            return Optional.of(RiskModel.load(Path.of(scoring.model())));
        }
        return Optional.empty();
    }

    /** One round: export reviews, train, compare on held-back reviews, keep or reject. */
    public synchronized Outcome retrain(RiskModel current) throws IOException {
        List<LabelledItem> reviews = reviews();
        if (reviews.size() < scoring.minReviews()) {
            return new Outcome.Skipped(reviews.size() + " reviewed documents, " + scoring.minReviews() + " needed");
        }
        List<LabelledItem> training = new ArrayList<>();
        List<LabelledItem> heldBack = new ArrayList<>();
        for (LabelledItem item : reviews) {
            (Math.floorMod(item.id().hashCode(), HOLD_BACK_ONE_IN) == 0 ? heldBack : training).add(item);
        }
        if (heldBack.isEmpty() || training.isEmpty()) {
            return new Outcome.Skipped("too few reviews to hold some back for judging");
        }
        if (!scoring.trainingData().isEmpty()) {
            LabelledItems.ReadResult base = LabelledItems.read(Path.of(scoring.trainingData()));
            base.problems().forEach(p -> LOG.warn("training data {}: {}", scoring.trainingData(), p));
            training.addAll(base.items());
        }
        RiskModel trained = RiskModel.train(training, TrainOptions.defaults());
        // Reviews judge whom items are about, not their kind: the category classifier carries over unchanged.
        RiskModel candidate = current != null && current.categories().isPresent()
                ? trained.withCategories(current.categories().get()) : trained;
        double newF1 = RiskEvaluation.evaluate(heldBack, candidate, scoring.levels()).entityLevel().f1();
        double currentF1 = RiskEvaluation.evaluate(heldBack, current, scoring.levels()).entityLevel().f1();
        if (newF1 < currentF1) {
            LOG.info("retrained risk model rejected: entity F1 {} on {} held-back reviews, current {}", newF1, heldBack.size(), currentF1);
            return new Outcome.Rejected(newF1, currentF1, training.size(), heldBack.size());
        }
        Files.createDirectories(modelDir);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(java.time.ZoneOffset.UTC).format(clock.instant());
        Path saved = modelDir.resolve("risk-model-" + stamp + ".model");
        candidate.save(saved);
        Path tmp = modelDir.resolve("current.model.tmp");
        Files.copy(saved, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, modelDir.resolve("current.model"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        install.accept(candidate);
        LOG.info("retrained risk model kept: entity F1 {} on {} held-back reviews (current {}), trained on {}", newF1,
                heldBack.size(), currentF1, training.size());
        return new Outcome.Kept(saved, newF1, currentF1, training.size(), heldBack.size());
    }

    private List<LabelledItem> reviews() throws IOException {
        StringWriter out = new StringWriter();
        new ReviewExport(dataSource).write(out);
        Path tmp = Files.createTempFile("yuqing-reviews", ".jsonl");
        try {
            Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
            return LabelledItems.read(tmp).items();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
