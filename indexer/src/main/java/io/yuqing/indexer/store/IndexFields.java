package io.yuqing.indexer.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

import java.util.Map;

/** Field names of the index and the analyzer of each. */
final class IndexFields {
    static final String ID = "id";
    static final String URL = "url";
    static final String SOURCE = "source";
    static final String ENTERPRISE = "enterprise";
    static final String ENTERPRISE_NAME = "enterpriseName";
    static final String CATEGORY = "category";
    static final String LEVEL = "level";
    static final String SCORE = "score";
    static final String AUTHOR = "author";
    static final String OUTLET = "outlet";
    /** Publish time when known, else fetch time, in epoch milliseconds: what newest-first and date filters use. */
    static final String TIME = "time";
    static final String PUBLISHED = "published";
    static final String FETCHED = "fetched";
    static final String TITLE_WORDS = "title_smart";
    static final String TEXT_WORDS = "text_smart";
    static final String TITLE_BIGRAMS = "title_bigram";
    static final String TEXT_BIGRAMS = "text_bigram";
    /** The whole ScoredDocument, encoded by {@link ScoredDocumentCodec}: what {@code get} and hits return. */
    static final String SNAPSHOT = "snapshot";

    static final String[] SEARCHED = {TITLE_WORDS, TEXT_WORDS, TITLE_BIGRAMS, TEXT_BIGRAMS};
    /** Title matches rank above body matches. */
    static final Map<String, Float> BOOSTS = Map.of(TITLE_WORDS, 2f, TITLE_BIGRAMS, 2f, TEXT_WORDS, 1f, TEXT_BIGRAMS, 1f);

    private IndexFields() {
    }

    static Analyzer analyzer() {
        Analyzer words = new SmartChineseAnalyzer();
        Analyzer bigrams = new CjkBigramAnalyzer();
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
                TITLE_WORDS, words, TEXT_WORDS, words, TITLE_BIGRAMS, bigrams, TEXT_BIGRAMS, bigrams));
    }
}
