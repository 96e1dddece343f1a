package io.yuqing.indexer.model;

import io.yuqing.core.model.RiskAssessment;

import java.util.List;

/**
 * A labelled item turned into training pairs: the candidates the watchlist matcher found in it, their features and
 * labels, and the lexicon scorer's assessment (kept so evaluations can compare against the lexicon alone).
 *
 * @param item              the labelled item
 * @param candidateNames    full names of the candidates found in the item, in order of first mention
 * @param features          hashed features of each candidate
 * @param labels            whether the item is negative about each candidate
 * @param lexicon           the lexicon scorer's assessment of the item
 * @param lexiconRiskNames  names of the entities the lexicon blames
 */
public record PreparedItem(LabelledItem item, List<String> candidateNames, List<int[]> features, List<Boolean> labels,
                           RiskAssessment lexicon, List<String> lexiconRiskNames) {
    public PreparedItem {
        candidateNames = List.copyOf(candidateNames);
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        lexiconRiskNames = List.copyOf(lexiconRiskNames);
        if (candidateNames.size() != features.size() || features.size() != labels.size()) {
            throw new IllegalArgumentException("one feature vector and one label per candidate");
        }
    }
}
