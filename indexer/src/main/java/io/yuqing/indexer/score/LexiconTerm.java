package io.yuqing.indexer.score;

import io.yuqing.core.model.RiskCategory;

/** One lexicon entry: a normalised term, its category and how alarming one occurrence of it is (1–100). */
public record LexiconTerm(String term, RiskCategory category, int weight) {
    public LexiconTerm {
        if (weight < 1 || weight > 100) {
            throw new IllegalArgumentException("weight out of range 1..100 for '" + term + "': " + weight);
        }
    }
}
