package io.yuqing.indexer.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.yuqing.core.model.ScoredDocument;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where scored documents are kept and searched in Chinese. Implementations: {@link LuceneDocumentStore} (an index on
 * local disk) and {@link ElasticsearchDocumentStore} (a cluster). Both pass the same contract tests.
 *
 * <p>Contract: {@link #index} and {@link #indexAll} add a document or replace the one with the same id, and the
 * document is searchable and readable as soon as the call returns. {@link #get} and search hits return the document
 * exactly as indexed (evidence, mentions and all). Snippets are HTML-escaped with matches in {@code <mark>…</mark>}.
 * A malformed query is an {@link InvalidQueryException} whose message is meant for the person who typed it.
 * Safe for use by several threads.
 */
public interface DocumentStore extends AutoCloseable {

    /**
     * Registers counter {@code yuqing.documents.indexed} (documents written since start), gauge
     * {@code yuqing.index.documents} (documents in the store), gauge {@code yuqing.index.writable} (0 after a refused
     * write until one succeeds) and counter {@code yuqing.index.write.failures} (by reason).
     */
    void bindMetrics(MeterRegistry registry);

    /** Adds the document, or replaces the one with the same id; like {@link #indexAll}, returns once it is durable and searchable. */
    default void index(ScoredDocument doc) throws IOException {
        indexAll(List.of(doc));
    }

    /** Adds or replaces all the documents. */
    void indexAll(List<ScoredDocument> docs) throws IOException;

    Optional<ScoredDocument> get(String id) throws IOException;

    long count() throws IOException;

    /**
     * Retention: removes the documents fetched before {@code cutoff} and returns how many went. Documents fetched at
     * or after the cutoff are never removed. Lucene removes exactly the older ones; Elasticsearch deletes whole
     * time-based indices behind the aliases, so an older document can stay until the newest one in its index is older
     * than the cutoff (at most about the rollover span longer).
     */
    long expireFetchedBefore(java.time.Instant cutoff) throws IOException;

    /**
     * Whether documents can be indexed now, for readiness checks: down while the latest write failed for lack of disk
     * space (until a write succeeds, or for Elasticsearch until the cluster lifts its flood-stage block; the reason says
     * the disk is full) or while the store does not answer. Never throws.
     */
    StoreHealth health();

    SearchResults search(SearchQuery q) throws InvalidQueryException, IOException;

    /**
     * How many documents match, nothing else: what {@code search(q).total()} says, without the facets, hits and
     * snippets a search makes (the console's day facet asks this once per day shown).
     */
    default long count(SearchQuery q) throws InvalidQueryException, IOException {
        return search(q.page(0, 1)).total();
    }

    @Override
    void close() throws IOException;
}
