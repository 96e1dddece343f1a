package io.yuqing.indexer.store;

import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parsed user query (see {@link ClassicQuerySyntax}) into Elasticsearch query DSL, term for term. The terms
 * are already analysed, so both stores search for exactly the same tokens and the query means the same in both;
 * Elasticsearch's own query_string cannot read a run of Chinese characters as a phrase, which the 停水 case needs.
 */
final class ElasticsearchQueries {
    private ElasticsearchQueries() {
    }

    static Query translate(String userText, org.apache.lucene.search.Query q) throws InvalidQueryException {
        return switch (q) {
            case TermQuery t -> term(t.getTerm());
            case BoostQuery b -> boosted(translate(userText, b.getQuery()), b.getBoost());
            case BooleanQuery b -> bool(userText, b);
            case PhraseQuery p -> phrase(p);
            case SynonymQuery s -> Query.of(x -> x.bool(bb -> bb.should(s.getTerms().stream().map(ElasticsearchQueries::term).toList())));
            case PrefixQuery p -> Query.of(x -> x.prefix(pq -> pq.field(p.getPrefix().field()).value(p.getPrefix().text())));
            case WildcardQuery w -> Query.of(x -> x.wildcard(wq -> wq.field(w.getTerm().field()).value(w.getTerm().text())));
            case RegexpQuery r -> Query.of(x -> x.regexp(rq -> rq.field(r.getRegexp().field()).value(r.getRegexp().text())));
            case FuzzyQuery f -> Query.of(x -> x.fuzzy(fq -> fq.field(f.getTerm().field()).value(f.getTerm().text())
                    .fuzziness(Integer.toString(f.getMaxEdits())).prefixLength(f.getPrefixLength())));
            case TermRangeQuery r -> range(r);
            case MatchAllDocsQuery m -> Query.of(x -> x.matchAll(ma -> ma));
            case MatchNoDocsQuery m -> Query.of(x -> x.matchNone(mn -> mn));
            default -> throw new InvalidQueryException(userText,
                    "此查询写法暂不支持 (unsupported query construct: " + q.getClass().getSimpleName() + ")");
        };
    }

    private static Query term(Term t) {
        return Query.of(x -> x.term(tq -> tq.field(t.field()).value(t.text())));
    }

    private static Query boosted(Query inner, float boost) {
        return Query.of(x -> x.bool(b -> b.must(inner).boost(boost)));
    }

    private static Query bool(String userText, BooleanQuery b) throws InvalidQueryException {
        BoolQuery.Builder out = new BoolQuery.Builder();
        boolean positive = false;
        for (BooleanClause c : b.clauses()) {
            Query q = translate(userText, c.query());
            switch (c.occur()) {
                case MUST -> out.must(q);
                case SHOULD -> out.should(q);
                case FILTER -> out.filter(q);
                case MUST_NOT -> out.mustNot(q);
            }
            positive |= c.occur() != BooleanClause.Occur.MUST_NOT;
        }
        if (!positive) {
            // Lucene matches nothing for a purely negative query (NOT x); Elasticsearch would match everything else.
            out.must(Query.of(x -> x.matchNone(mn -> mn)));
        }
        if (b.getMinimumNumberShouldMatch() > 0) {
            out.minimumShouldMatch(Integer.toString(b.getMinimumNumberShouldMatch()));
        }
        return Query.of(x -> x.bool(out.build()));
    }

    /**
     * The tokens are sent whitespace-separated; a gap a stop word left between positions widens the slop so the
     * phrase still matches, as it does in Lucene.
     */
    private static Query phrase(PhraseQuery p) {
        Term[] terms = p.getTerms();
        int[] positions = p.getPositions();
        if (terms.length == 0) {
            return Query.of(x -> x.matchNone(mn -> mn));
        }
        List<String> words = new ArrayList<>(terms.length);
        int gaps = 0;
        for (int i = 0; i < terms.length; i++) {
            words.add(terms[i].text());
            if (i > 0) {
                gaps += Math.max(0, positions[i] - positions[i - 1] - 1);
            }
        }
        String field = terms[0].field();
        int slop = p.getSlop() + gaps;
        return Query.of(x -> x.matchPhrase(m -> m.field(field).query(String.join(" ", words)).analyzer("whitespace").slop(slop)));
    }

    private static Query range(TermRangeQuery r) {
        String lower = r.getLowerTerm() == null ? null : r.getLowerTerm().utf8ToString();
        String upper = r.getUpperTerm() == null ? null : r.getUpperTerm().utf8ToString();
        return Query.of(x -> x.range(rq -> rq.term(t -> {
            t.field(r.getField());
            if (lower != null) {
                if (r.includesLower()) {
                    t.gte(lower);
                } else {
                    t.gt(lower);
                }
            }
            if (upper != null) {
                if (r.includesUpper()) {
                    t.lte(upper);
                } else {
                    t.lt(upper);
                }
            }
            return t;
        })));
    }
}
