package io.yuqing.indexer.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleFragmenter;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;

import java.io.IOException;

/**
 * HTML snippets of hostile text: every piece of the text is HTML-escaped, and only the {@code <mark>} tags around
 * matches are markup. Matches are found on the bigram field, which marks exactly the characters of a Chinese query.
 */
final class SnippetMaker {
    private static final int FRAGMENT_CHARS = 80;
    private static final int MAX_FRAGMENTS = 3;
    private static final int PLAIN_SNIPPET_CHARS = 160;

    private final Analyzer analyzer;

    SnippetMaker(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    String snippet(Query query, String text) throws IOException {
        if (query != null && !text.isEmpty()) {
            Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(),
                    new QueryScorer(query, IndexFields.TEXT_BIGRAMS));
            highlighter.setTextFragmenter(new SimpleFragmenter(FRAGMENT_CHARS));
            // The highlighter consumes and closes the stream itself.
            TokenStream tokens = analyzer.tokenStream(IndexFields.TEXT_BIGRAMS, text);
            try {
                String marked = String.join(" … ", highlighter.getBestFragments(tokens, text, MAX_FRAGMENTS));
                if (!marked.isBlank()) {
                    return marked.strip();
                }
            } catch (InvalidTokenOffsetsException e) {
                // The analyzer's offsets are always within the text; fall through to a plain snippet if not.
            }
        }
        String start = text.length() <= PLAIN_SNIPPET_CHARS ? text : text.substring(0, PLAIN_SNIPPET_CHARS) + "…";
        return SimpleHTMLEncoder.htmlEncode(start.strip());
    }
}
