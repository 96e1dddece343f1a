package io.yuqing.indexer.score;

import io.yuqing.core.config.ScoringConfig;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.Evidence;
import io.yuqing.core.model.Mention;
import io.yuqing.core.model.RiskAssessment;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;
import io.yuqing.core.pipeline.RiskScorer;
import io.yuqing.indexer.text.NormalizedText;
import io.yuqing.indexer.text.TextNormalizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Scores an item against the curated {@link RiskLexicon}.
 *
 * <p>Score (0–100): the weight of the strongest unnegated term (+{@value #TITLE_BONUS} when it stands in the title),
 * plus {@value #EXTRA_TERM_BONUS} for each further distinct term (at most {@value #MAX_TERM_BONUS}) and
 * {@value #EXTRA_CATEGORY_BONUS} for each further category (at most {@value #MAX_CATEGORY_BONUS}). Negated terms
 * (see {@link NegationCues}) are not evidence at all. Hedged terms (据悉…或将) weigh {@value #HEDGED_PERCENT} % and
 * past events (去年曾…) {@value #PAST_PERCENT} % of their weight; a past event resolved in the same or the next sentence
 * is not evidence.
 *
 * <p>Risk entities, only for items that reach a warning level: the mentioned enterprises named in a sentence that
 * carries evidence, and those named in the title when the title carries evidence. When the evidence names none of
 * them, those named in the title. An enterprise named only elsewhere (a landmark, a passing mention) is not
 * blamed for evidence in other sentences: a false alarm about the wrong enterprise costs staff trust. An enterprise
 * whose name lies inside another mentioned enterprise's longer name (众车 in 众车在线) gives way to that one.
 */
public final class LexiconRiskScorer implements RiskScorer {
    static final int TITLE_BONUS = 10;
    static final int EXTRA_TERM_BONUS = 4;
    static final int MAX_TERM_BONUS = 12;
    static final int EXTRA_CATEGORY_BONUS = 6;
    static final int MAX_CATEGORY_BONUS = 12;
    static final int HEDGED_PERCENT = 80;
    static final int PAST_PERCENT = 60;
    private static final int MAX_SENTENCE_CHARS = 300;

    private final ScoringConfig.LevelThresholds levels;
    private final RiskLexicon lexicon;
    private final Map<String, List<String>> namesById;

    /** Scores with the project's lexicon; enterprises are located in the text by their full name. */
    public LexiconRiskScorer(ScoringConfig.LevelThresholds levels) {
        this(levels, List.of());
    }

    /** Scores with the project's lexicon; enterprises are located by every name the watchlist gives them. */
    public LexiconRiskScorer(ScoringConfig.LevelThresholds levels, List<Enterprise> watchlist) {
        this(levels, watchlist, RiskLexicon.loadDefault());
    }

    public LexiconRiskScorer(ScoringConfig.LevelThresholds levels, List<Enterprise> watchlist, RiskLexicon lexicon) {
        this.levels = Objects.requireNonNull(levels, "levels");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        Map<String, List<String>> names = new HashMap<>();
        for (Enterprise e : watchlist) {
            names.put(e.id(), e.allNames().stream().map(TextNormalizer::key).filter(k -> !k.isEmpty()).toList());
        }
        this.namesById = Map.copyOf(names);
    }

    /** One unnegated lexicon hit with the sentence it stands in. */
    private record Found(LexiconTerm term, String surface, boolean inTitle, String sentenceKey, String sentenceText,
                         int position, NegationCues.Modality modality) {
        /** The term's weight as asserted, hedged or recalled. */
        int weight() {
            return switch (modality) {
                case ASSERTED -> term.weight();
                case HEDGED -> term.weight() * HEDGED_PERCENT / 100;
                case PAST -> term.weight() * PAST_PERCENT / 100;
            };
        }
    }

    @Override
    public RiskAssessment score(String title, String text, List<Mention> mentions) {
        return score(TextNormalizer.normalize(title), TextNormalizer.normalize(text), mentions);
    }

    /**
     * The same on title and text already normalised ({@link TextNormalizer#normalize}), so that a caller that needs
     * the normalised text too (the model scorer) normalises each text once.
     */
    public RiskAssessment score(NormalizedText title, NormalizedText text, List<Mention> mentions) {
        List<String> allNames = mentions.stream().flatMap(m -> namesOf(m).stream()).distinct().toList();
        List<Found> found = new ArrayList<>();
        String titleKey = collect(title, true, allNames, found);
        String bodyKey = collect(text, false, allNames, found);
        if (found.isEmpty()) {
            return RiskAssessment.none();
        }
        int score = score(found);
        RiskLevel level = levels.levelFor(score);
        List<String> riskEntities = level == RiskLevel.NONE ? List.of() : riskEntities(titleKey, found, mentions);
        return new RiskAssessment(score, level, categoriesStrongestFirst(found), evidence(found), riskEntities);
    }

    /**
     * Adds the unnegated hits of one text to {@code out} and returns the normalised text in which enterprise names
     * are looked up. Names and terms compete like overlapping terms do: a term inside a longer enterprise name is
     * part of the name (青州污染治理公司 is not pollution), and a name inside a longer term is part of the term (the
     * enterprise 返利 is not named by 高额返利), so it is blanked out of the returned text.
     */
    private String collect(NormalizedText normalized, boolean inTitle, List<String> names, List<Found> out) {
        String t = normalized.text();
        if (t.isBlank()) {
            return t;
        }
        List<int[]> nameRanges = new ArrayList<>();
        for (String name : names) {
            for (int at = t.indexOf(name); at >= 0; at = t.indexOf(name, at + 1)) {
                nameRanges.add(new int[]{at, at + name.length()});
            }
        }
        List<RiskLexicon.Hit> hits = new ArrayList<>();
        for (RiskLexicon.Hit h : lexicon.find(t)) {
            if (!insideLongerName(h, nameRanges)) {
                hits.add(h);
            }
        }
        if (hits.isEmpty()) {
            return t; // no term, so no name lies inside one: the lookup text is the text itself
        }
        char[] lookup = t.toCharArray();
        for (int[] r : nameRanges) {
            if (insideLongerTerm(r, hits)) {
                Arrays.fill(lookup, r[0], r[1], '\u0000');
            }
        }
        String lookupText = new String(lookup);
        Sentences sentences = new Sentences(t);
        NegationCues.Index cues = NegationCues.Index.of(t);
        for (RiskLexicon.Hit hit : hits) {
            Sentences.Span sentence = sentences.sentenceAt(hit.start());
            int clauseStart = sentences.clauseStart(hit.start(), sentence);
            if (NegationCues.negates(cues, hit.start(), hit.end(), clauseStart, sentence.start(), sentence.end(),
                    hit.term().category())) {
                continue;
            }
            NegationCues.Modality modality = NegationCues.modality(cues, hit.start(), sentence.start(), hit.term().category());
            if (modality == NegationCues.Modality.PAST && resolvedNext(sentences, sentence, cues)) {
                continue;
            }
            String sentenceText = normalized.originalSlice(sentence.start(), sentence.end()).strip();
            if (sentenceText.length() > MAX_SENTENCE_CHARS) {
                sentenceText = sentenceText.substring(0, MAX_SENTENCE_CHARS) + "…";
            }
            out.add(new Found(hit.term(), normalized.originalSlice(hit.start(), hit.end()), inTitle,
                    lookupText.substring(sentence.start(), sentence.end()), sentenceText, hit.start(), modality));
        }
        return lookupText;
    }

    /** Whether a term hit lies inside a strictly longer enterprise name (the name wins). */
    private static boolean insideLongerName(RiskLexicon.Hit h, List<int[]> nameRanges) {
        for (int[] r : nameRanges) {
            if (r[0] <= h.start() && h.end() <= r[1] && r[1] - r[0] > h.end() - h.start()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a name occurrence lies inside a strictly longer kept term hit (the term wins). */
    private static boolean insideLongerTerm(int[] r, List<RiskLexicon.Hit> hits) {
        for (RiskLexicon.Hit h : hits) {
            if (h.start() <= r[0] && r[1] <= h.end() && h.end() - h.start() > r[1] - r[0]) {
                return true;
            }
        }
        return false;
    }

    /** Whether the sentence after {@code sentence} says the matter was resolved (去年曾欠薪。目前已全部结清。). */
    private static boolean resolvedNext(Sentences sentences, Sentences.Span sentence, NegationCues.Index cues) {
        Sentences.Span next = sentences.sentenceAt(sentence.end());
        return next.end() > next.start() && NegationCues.resolves(cues, next.start(), next.end());
    }

    private static int score(List<Found> found) {
        int strongest = 0;
        Set<String> terms = new HashSet<>();
        Set<RiskCategory> categories = new HashSet<>();
        for (Found f : found) {
            strongest = Math.max(strongest, f.weight() + (f.inTitle() ? TITLE_BONUS : 0));
            terms.add(f.term().term());
            categories.add(f.term().category());
        }
        int termBonus = Math.min(MAX_TERM_BONUS, EXTRA_TERM_BONUS * (terms.size() - 1));
        int categoryBonus = Math.min(MAX_CATEGORY_BONUS, EXTRA_CATEGORY_BONUS * (categories.size() - 1));
        return Math.min(100, strongest + termBonus + categoryBonus);
    }

    private static List<RiskCategory> categoriesStrongestFirst(List<Found> found) {
        Map<RiskCategory, Integer> strongest = new EnumMap<>(RiskCategory.class);
        for (Found f : found) {
            strongest.merge(f.term().category(), f.weight() + (f.inTitle() ? TITLE_BONUS : 0), Math::max);
        }
        return strongest.entrySet().stream()
                .sorted(Map.Entry.<RiskCategory, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** One evidence record per distinct (term, sentence). */
    private static List<Evidence> evidence(List<Found> found) {
        Set<String> seen = new HashSet<>();
        List<Evidence> out = new ArrayList<>();
        for (Found f : found) {
            if (seen.add(f.term().term() + "\u0000" + f.sentenceKey() + "\u0000" + f.inTitle())) {
                out.add(new Evidence(f.surface(), f.term().category(), f.sentenceText(), f.inTitle()));
            }
        }
        return out;
    }

    private List<String> riskEntities(String titleKey, List<Found> found, List<Mention> mentions) {
        Map<String, List<String>> names = new HashMap<>();
        for (Mention m : mentions) {
            names.put(m.enterpriseId(), namesOf(m));
        }
        boolean titleHasEvidence = found.stream().anyMatch(Found::inTitle);
        Set<String> evidenceSentences = new LinkedHashSet<>();
        found.forEach(f -> evidenceSentences.add(f.sentenceKey()));

        Set<String> chosen = new LinkedHashSet<>();
        for (Mention m : mentions) {
            List<String> ns = names.get(m.enterpriseId());
            boolean inEvidenceSentence = evidenceSentences.stream().anyMatch(s -> containsAny(s, ns));
            if (inEvidenceSentence || (titleHasEvidence && containsAny(titleKey, ns))) {
                chosen.add(m.enterpriseId());
            }
        }
        if (chosen.isEmpty()) {
            for (Mention m : mentions) {
                if (containsAny(titleKey, names.get(m.enterpriseId()))) {
                    chosen.add(m.enterpriseId());
                }
            }
        }
        return withoutContainedNames(chosen, mentions);
    }

    private List<String> namesOf(Mention m) {
        List<String> known = namesById.get(m.enterpriseId());
        if (known != null && !known.isEmpty()) {
            return known;
        }
        return List.of(TextNormalizer.key(m.name()));
    }

    /** Drops an enterprise when its name lies inside the longer name of another mentioned enterprise. */
    private static List<String> withoutContainedNames(Set<String> chosen, List<Mention> mentions) {
        Map<String, String> fullName = new HashMap<>();
        mentions.forEach(m -> fullName.put(m.enterpriseId(), TextNormalizer.key(m.name())));
        List<String> out = new ArrayList<>();
        for (String id : chosen) {
            String name = fullName.get(id);
            boolean containedInAnother = mentions.stream().anyMatch(other -> !other.enterpriseId().equals(id)
                    && fullName.get(other.enterpriseId()).length() > name.length()
                    && fullName.get(other.enterpriseId()).contains(name));
            if (!containedInAnother) {
                out.add(id);
            }
        }
        return out;
    }

    private static boolean containsAny(String haystack, List<String> needles) {
        for (String n : needles) {
            if (haystack.contains(n)) {
                return true;
            }
        }
        return false;
    }
}
