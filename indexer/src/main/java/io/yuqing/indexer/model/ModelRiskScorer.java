package io.yuqing.indexer.model;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.indexer.score.LexiconRiskScorer;
import io.yuqing.indexer.score.RiskLexicon;
import io.yuqing.indexer.text.NormalizedText;
import io.yuqing.indexer.text.TextNormalizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The lexicon scorer with the {@link RiskModel} deciding whom an item is about.
 * <ul>
 *   <li>risk entities: the mentioned enterprises whose model probability reaches the model's threshold;</li>
 *   <li>categories: the lexicon's, led by the model's {@link CategoryModel} when it has one (it decides among the
 *       kinds it knows about the enterprise the item is most about: {@link CategoryModel#rank}), except that a warning
 *       is never left without the categories the lexicon found (desks filter by category); evidence: the lexicon's,
 *       unchanged (staff see why);</li>
 *   <li>score: the lexicon score moved by the model's confidence, {@code round(}{@value #MAX_ADJUSTMENT}
 *       {@code × (2p − 1))} where p is the highest entity probability (±{@value #MAX_ADJUSTMENT} at certainty, 0 at
 *       p = 0.5), then kept on the model's side of the warning line: at least the blue threshold when some entity is
 *       at risk, below it when none is. So the model decides whether an item warns, the lexicon how loudly.</li>
 * </ul>
 * Explicit denials win over the model: when the lexicon found risk terms but every one was negated, denied or
 * resolved (公司否认拖欠工资), the item stays as the lexicon judged it, with no risk entities. Items without a
 * watched enterprise are the lexicon's alone: the model judges (item, enterprise) pairs.
 */
public final class ModelRiskScorer implements RiskScorer {
    static final int MAX_ADJUSTMENT = 25;

    private final RiskModel model;
    private final ScoringConfig.LevelThresholds levels;
    private final LexiconRiskScorer lexiconScorer;
    private final RiskLexicon lexicon;
    private final Map<String, List<String>> namesById;

    public ModelRiskScorer(RiskModel model, ScoringConfig.LevelThresholds levels, List<Enterprise> watchlist) {
        this(model, levels, watchlist, RiskLexicon.loadDefault());
    }

    /** With a lexicon already loaded (it must be the one the model was trained with: the project's). */
    public ModelRiskScorer(RiskModel model, ScoringConfig.LevelThresholds levels, List<Enterprise> watchlist,
                           RiskLexicon lexicon) {
        this.model = Objects.requireNonNull(model, "model");
        this.levels = Objects.requireNonNull(levels, "levels");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.lexiconScorer = new LexiconRiskScorer(levels, watchlist, lexicon);
        Map<String, List<String>> names = new HashMap<>();
        for (Enterprise e : watchlist) {
            names.put(e.id(), e.allNames().stream().map(TextNormalizer::key).filter(k -> !k.isEmpty()).toList());
        }
        this.namesById = Map.copyOf(names);
    }

    @Override
    public RiskAssessment score(String title, String text, List<Mention> mentions) {
        // Normalised once here and shared by the lexicon scorer, the pair features and the category classifier.
        NormalizedText titleText = TextNormalizer.normalize(title);
        NormalizedText bodyText = TextNormalizer.normalize(text);
        RiskAssessment lex = lexiconScorer.score(titleText, bodyText, mentions);
        if (mentions.isEmpty()) {
            return lex;
        }
        String titleKey = titleText.text();
        String bodyKey = bodyText.text();
        List<PairFeatures.Candidate> candidates = mentions.stream()
                .map(m -> new PairFeatures.Candidate(m.enterpriseId(), namesOf(m)))
                .toList();
        List<Double> p = model.probabilities(titleKey, bodyKey, candidates, lex);
        double best = 0;
        List<String> riskEntities = new ArrayList<>();
        for (int i = 0; i < mentions.size(); i++) {
            best = Math.max(best, p.get(i));
            if (p.get(i) >= model.threshold()) {
                riskEntities.add(mentions.get(i).enterpriseId());
            }
        }
        if (!riskEntities.isEmpty() && lex.evidence().isEmpty() && hasAnyLexiconTerm(titleKey, bodyKey)) {
            return new RiskAssessment(lex.score(), lex.level(), lex.categories(), lex.evidence(), List.of());
        }
        List<RiskCategory> categories = shown(categories(title, text, titleKey, bodyKey, mentions, p, lex), lex.categories(),
                !riskEntities.isEmpty());
        int moved = Math.clamp(lex.score() + Math.round(MAX_ADJUSTMENT * (2 * best - 1)), 0, 100);
        int score = riskEntities.isEmpty() ? Math.min(moved, levels.blue() - 1) : Math.max(moved, levels.blue());
        RiskLevel level = levels.levelFor(score);
        return new RiskAssessment(score, level, categories, lex.evidence(), riskEntities);
    }

    /** Probability per mentioned enterprise id, in mention order: what the model thinks before any rule. */
    public Map<String, Double> entityProbabilities(String title, String text, List<Mention> mentions) {
        NormalizedText titleText = TextNormalizer.normalize(title);
        NormalizedText bodyText = TextNormalizer.normalize(text);
        RiskAssessment lex = lexiconScorer.score(titleText, bodyText, mentions);
        List<PairFeatures.Candidate> candidates = mentions.stream()
                .map(m -> new PairFeatures.Candidate(m.enterpriseId(), namesOf(m)))
                .toList();
        List<Double> p = model.probabilities(titleText.text(), bodyText.text(), candidates, lex);
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < mentions.size(); i++) {
            out.put(mentions.get(i).enterpriseId(), p.get(i));
        }
        return out;
    }

    /**
     * The categories a warning goes out with: the ranked ones, or the lexicon's when ranking left a warning with none
     * (the classifier said "none of my kinds", but a desk routed by category must still get it).
     */
    static List<RiskCategory> shown(List<RiskCategory> ranked, List<RiskCategory> lexicon, boolean warning) {
        return ranked.isEmpty() && warning ? lexicon : ranked;
    }

    /** The lexicon's categories, ranked by the category classifier about the most probable risk entity. */
    private List<RiskCategory> categories(String title, String text, String titleKey, String textKey,
                                          List<Mention> mentions, List<Double> p, RiskAssessment lex) {
        if (model.categories().isEmpty()) {
            return lex.categories();
        }
        int subject = 0;
        for (int i = 1; i < mentions.size(); i++) {
            if (p.get(i) > p.get(subject)) {
                subject = i;
            }
        }
        // The title joins the text unless the text starts with it. Normalising is char by char and keeps the spaces
        // next to the joining 。, so the joined text's normal form is the parts' normal forms joined the same way.
        String bodyKey = title.isBlank() || text.startsWith(title) ? textKey : titleKey + "。" + textKey;
        // The classifier masks the subject's name where it occurs: pass the name the item uses (an alias, maybe).
        Mention m = mentions.get(subject);
        String name = namesOf(m).stream().filter(bodyKey::contains).findFirst().orElse(m.name());
        CategoryModel categoryModel = model.categories().get();
        return categoryModel.rank(lex.categories(), categoryModel.predictNormalized(bodyKey, name));
    }

    private boolean hasAnyLexiconTerm(String titleKey, String textKey) {
        return !lexicon.find(titleKey).isEmpty() || !lexicon.find(textKey).isEmpty();
    }

    private List<String> namesOf(Mention m) {
        List<String> known = namesById.get(m.enterpriseId());
        return known != null && !known.isEmpty() ? known : List.of(TextNormalizer.key(m.name()));
    }
}
