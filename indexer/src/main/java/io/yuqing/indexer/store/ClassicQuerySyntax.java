package io.yuqing.indexer.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.Query;

/**
 * The one reading of a user's search text, shared by every store so they agree on what a query means: Lucene classic
 * syntax over the title and text fields (words and bigrams, title boosted), all terms required, and a run of
 * characters that analyses into several tokens taken as a phrase (Chinese has no spaces between words).
 */
final class ClassicQuerySyntax {
    private ClassicQuerySyntax() {
    }

    /** The parsed query, or null for blank text (match everything, nothing to highlight). */
    static Query parse(String text, Analyzer analyzer) throws InvalidQueryException {
        if (text.isBlank()) {
            return null;
        }
        MultiFieldQueryParser parser = new MultiFieldQueryParser(IndexFields.SEARCHED, analyzer, IndexFields.BOOSTS);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true);
        parser.setAllowLeadingWildcard(false);
        try {
            return parser.parse(text);
        } catch (ParseException e) {
            throw new InvalidQueryException(text, firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
