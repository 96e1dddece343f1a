package io.yuqing.indexer.store;

import io.yuqing.core.model.ScoredDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The read side of {@link LuceneDocumentStore}: queries, filters, orders, facets and snippets over the searchers a
 * {@link DurableIndexWriter} hands out, and what those searchers are made of — the search threads that search a large
 * index on all cores, and the facet arrays ({@link FacetOrdinals}) of every segment, built before searches see it.
 */
final class LuceneSearches implements Closeable {
    /** Facet name → keyword field. */
    static final List<Map.Entry<String, String>> FACET_FIELDS = List.of(
            Map.entry(SearchResults.ENTERPRISE, IndexFields.ENTERPRISE),
            Map.entry(SearchResults.CATEGORY, IndexFields.CATEGORY),
            Map.entry(SearchResults.LEVEL, IndexFields.LEVEL),
            Map.entry(SearchResults.SOURCE, IndexFields.SOURCE));

    private final Analyzer analyzer;
    private final SnippetMaker snippets;
    /**
     * Searches a large index in slices of segments on all cores at once (the calling thread takes part): a search
     * over most of a million documents waits for half the work on two cores. Daemon threads, stopped by close().
     */
    private final ExecutorService searchThreads = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1), Thread.ofPlatform().daemon().name("yuqing-search-", 0).factory());
    /** The facet fields of the live segments as arrays: exact facet counts over a million hits in milliseconds. */
    private final FacetOrdinals facetOrdinals = new FacetOrdinals(FACET_FIELDS.stream().map(Map.Entry::getValue).toList());

    /** {@code analyzer} parses queries and marks snippets; the caller closes it. */
    LuceneSearches(Analyzer analyzer) {
        this.analyzer = analyzer;
        this.snippets = new SnippetMaker(analyzer);
    }

    /** Searchers on the search threads; new (flushed) segments get their facet arrays at refresh, the others have them. */
    SearcherFactory searcherFactory() {
        return new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) throws IOException {
                for (LeafReaderContext leaf : reader.leaves()) {
                    facetOrdinals.of(leaf.reader());
                }
                return new IndexSearcher(reader, searchThreads);
            }
        };
    }

    /** Builds a merged segment's facet arrays on the writer's merge thread, before searches see the segment. */
    IndexWriter.IndexReaderWarmer mergedSegmentWarmer() {
        return facetOrdinals::of;
    }

    Optional<ScoredDocument> get(DurableIndexWriter index, String id) throws IOException {
        try (DurableIndexWriter.Lease lease = index.acquire()) {
            IndexSearcher searcher = lease.searcher();
            TopDocs top = searcher.search(new TermQuery(LuceneDocuments.idTerm(id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(LuceneDocuments.load(searcher.storedFields(), top.scoreDocs[0].doc));
        }
    }

    /** Documents in the index. */
    long count(DurableIndexWriter index) throws IOException {
        try (DurableIndexWriter.Lease lease = index.acquire()) {
            return lease.searcher().getIndexReader().numDocs();
        }
    }

    /** Documents matching a query built here (not typed by anyone). */
    long count(DurableIndexWriter index, Query query) throws IOException {
        try (DurableIndexWriter.Lease lease = index.acquire()) {
            return lease.searcher().count(query);
        }
    }

    SearchResults search(DurableIndexWriter index, SearchQuery q) throws InvalidQueryException, IOException {
        Query textQuery = parse(q.query());
        Query query = withFilters(textQuery, q);
        try (DurableIndexWriter.Lease lease = index.acquire()) {
            IndexSearcher searcher = lease.searcher();
            FacetCollectorManager.Counts counts;
            TopDocs top;
            try {
                boolean matchesAll = textQuery == null && !filtered(q);
                var facets = new FacetCollectorManager(FACET_FIELDS, matchesAll, facetOrdinals);
                int wanted = q.offset() + q.limit();
                var firstHits = new TopFieldCollectorManager(sortFor(q.order()), wanted, null, wanted);
                if (matchesAll || q.order() == SearchQuery.Order.RELEVANCE) {
                    // Two passes: the facets of everything come from per-segment totals without visiting documents,
                    // and the first hits by time skip whole ranges of documents (or, by relevance, score only the
                    // best candidates) — cheaper alone than inside a pass that must visit every match.
                    counts = searcher.search(query, facets);
                    top = searcher.search(query, firstHits);
                } else {
                    // Facets must visit every match anyway: take the first hits by time or risk in the same pass
                    // rather than evaluating the query a second time.
                    Object[] both = searcher.search(query, new MultiCollectorManager(facets, firstHits));
                    counts = (FacetCollectorManager.Counts) both[0];
                    top = (TopDocs) both[1];
                }
            } catch (IndexSearcher.TooManyClauses e) {
                throw tooManyClauses(q);
            }
            StoredFields stored = searcher.storedFields();
            List<SearchHit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = q.offset(); i < docs.length; i++) {
                ScoredDocument doc = LuceneDocuments.load(stored, docs[i].doc);
                hits.add(new SearchHit(doc, snippets.snippet(textQuery, doc.document().text())));
            }
            return new SearchResults(counts.total(), hits, counts.facets());
        }
    }

    long count(DurableIndexWriter index, SearchQuery q) throws InvalidQueryException, IOException {
        Query query = withFilters(parse(q.query()), q);
        try (DurableIndexWriter.Lease lease = index.acquire()) {
            return lease.searcher().count(query);
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooManyClauses(q);
        }
    }

    private static InvalidQueryException tooManyClauses(SearchQuery q) {
        return new InvalidQueryException(q.query(), "查询展开后的词过多，请缩小通配符范围 (query expands to too many terms)");
    }

    private Query parse(String text) throws InvalidQueryException {
        return ClassicQuerySyntax.parse(text, analyzer);
    }

    private static Query withFilters(Query textQuery, SearchQuery q) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(textQuery == null ? MatchAllDocsQuery.INSTANCE : textQuery, BooleanClause.Occur.MUST);
        if (q.enterpriseId() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.ENTERPRISE, q.enterpriseId()), BooleanClause.Occur.FILTER);
        }
        if (q.category() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.CATEGORY, q.category().code()), BooleanClause.Occur.FILTER);
        }
        if (q.level() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.LEVEL, q.level().code()), BooleanClause.Occur.FILTER);
        }
        if (q.sourceId() != null) {
            b.add(KeywordField.newExactQuery(IndexFields.SOURCE, q.sourceId()), BooleanClause.Occur.FILTER);
        }
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli() - 1;
            b.add(LuceneDocuments.timeWithin(from, to), BooleanClause.Occur.FILTER);
        }
        return b.build();
    }

    private static boolean filtered(SearchQuery q) {
        return q.enterpriseId() != null || q.category() != null || q.level() != null || q.sourceId() != null
                || q.from() != null || q.to() != null;
    }

    private static Sort sortFor(SearchQuery.Order order) {
        SortField newest = LuceneDocuments.newestFirst();
        SortField byId = LuceneDocuments.byId();
        return switch (order) {
            case NEWEST -> new Sort(newest, byId);
            case RELEVANCE -> new Sort(SortField.FIELD_SCORE, newest, byId);
            case RISK -> new Sort(IntField.newSortField(IndexFields.SCORE, true, SortedNumericSelector.Type.MAX), newest, byId);
        };
    }

    /** Stops the search threads; the analyzer stays open. */
    @Override
    public void close() {
        searchThreads.shutdown();
    }
}
