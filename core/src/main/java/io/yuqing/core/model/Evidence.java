package io.yuqing.core.model;

/**
 * One piece of evidence behind a risk score: a lexicon term found in the item.
 *
 * @param term     the term as it occurs in the text
 * @param category the category the term belongs to
 * @param sentence the sentence it occurs in, for the reviewer (plain text, unescaped)
 * @param inTitle  whether it occurs in the title
 */
public record Evidence(String term, RiskCategory category, String sentence, boolean inTitle) {
}
