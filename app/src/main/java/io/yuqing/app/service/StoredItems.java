package io.yuqing.app.service;

import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.crawler.dedup.NearDuplicateIndex;
import io.yuqing.indexer.store.DocumentStore;
import io.yuqing.indexer.store.InvalidQueryException;
import io.yuqing.indexer.store.LuceneIndexSnapshot;
import io.yuqing.indexer.store.SearchHit;
import io.yuqing.indexer.store.SearchQuery;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored items of a period, read from the configured index, with their repost clusters from the service database:
 * what {@code yuqing rules test} replays. Reads only, and works while the service runs (the Lucene index is read
 * without its write lock; Elasticsearch and the database serve several clients anyway).
 */
public final class StoredItems {
    /** Most items read; a longer period is cut to its newest items. */
    static final int MAX_ITEMS = 200_000;

    private StoredItems() {
    }

    /**
     * @param items     the period's items, newest first
     * @param clusters  repost cluster by document id, for the items that are reposts
     * @param truncated whether the period held more than {@value #MAX_ITEMS} items
     * @param readFrom  where the items were read and how current they are
     */
    public record Loaded(List<ScoredDocument> items, Map<String, String> clusters, boolean truncated, ReadFrom readFrom) {
    }

    /** Where the items came from. */
    public sealed interface ReadFrom {
        /**
         * A Lucene index read without its write lock, so also while the service runs: its last commit plus what its
         * write-ahead log holds since, which is everything stored up to the moment of reading.
         */
        record LuceneIndex(Path dir, LuceneIndexSnapshot.Freshness freshness) implements ReadFrom {
        }

        /** Elasticsearch, searched like the service does (documents are searchable about a second after indexing). */
        record Elasticsearch(List<java.net.URI> hosts) implements ReadFrom {
        }
    }

    /** The index or the database cannot be read; the message says why and what to do. */
    public static final class UnavailableException extends Exception {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The items whose time is in {@code [from, to]}, newest first, and their repost clusters. */
    public static Loaded load(YuqingConfig config, Instant from, Instant to) throws UnavailableException {
        List<ScoredDocument> items;
        boolean truncated;
        ReadFrom readFrom;
        if (config.index().usesElasticsearch()) {
            var es = config.index().elasticsearch();
            try (DocumentStore store = YuqingService.openStore(config)) {
                items = newestFirst(store, from, to.plusMillis(1));
            } catch (IOException | InvalidQueryException | RuntimeException e) {
                throw new UnavailableException("cannot read the Elasticsearch index at " + es.hosts() + ": " + e.getMessage(), e);
            }
            truncated = items.size() > MAX_ITEMS;
            if (truncated) {
                items = items.subList(0, MAX_ITEMS);
            }
            readFrom = new ReadFrom.Elasticsearch(es.hosts());
        } else {
            // Read-only: a running service holds the index's write lock, and readers do not need it.
            Path dir = config.indexDir();
            try (LuceneIndexSnapshot snapshot = LuceneIndexSnapshot.open(dir)) {
                LuceneIndexSnapshot.Page page = snapshot.newest(from, to.plusMillis(1), MAX_ITEMS);
                items = page.items();
                truncated = page.truncated();
                readFrom = new ReadFrom.LuceneIndex(dir, snapshot.freshness());
            } catch (NoSuchFileException e) {
                throw new UnavailableException("no index at " + dir + " (nothing stored yet, or the wrong --config)", e);
            } catch (IOException | RuntimeException e) {
                throw new UnavailableException("cannot read the index at " + dir + " (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + "); is it the service's data directory, and readable by this user?", e);
            }
        }
        Map<String, String> clusters = new HashMap<>();
        try (Database db = new Database(config.jdbcUrl(), config.database().username(), config.database().password())) {
            db.migrate("crawler");
            NearDuplicateIndex index = new NearDuplicateIndex(db.dataSource(), Clock.systemUTC());
            for (ScoredDocument d : items) {
                index.clusterOf(d.document().id()).ifPresent(c -> clusters.put(d.document().id(), c.clusterId()));
            }
        } catch (RuntimeException e) {
            throw new UnavailableException("cannot read repost clusters from the service database: " + e.getMessage(), e);
        }
        return new Loaded(items, clusters, truncated, readFrom);
    }

    /**
     * Every item of {@code [from, to)} newest first, up to one more than {@value #MAX_ITEMS}, page by page. Each page
     * after the first asks for the items up to the last one's time rather than for a growing offset: Elasticsearch
     * refuses offsets past 10,000, and a period holds far more items than that.
     */
    static List<ScoredDocument> newestFirst(DocumentStore store, Instant from, Instant to)
            throws IOException, InvalidQueryException {
        List<ScoredDocument> items = new ArrayList<>();
        Instant upTo = to;
        int offset = 0;
        while (items.size() <= MAX_ITEMS) {
            SearchQuery q = SearchQuery.all().between(from, upTo).orderBy(SearchQuery.Order.NEWEST).page(offset, SearchQuery.MAX_LIMIT);
            List<SearchHit> hits = store.search(q).hits();
            hits.forEach(h -> items.add(h.doc()));
            if (hits.size() < SearchQuery.MAX_LIMIT) {
                break;
            }
            // The next page: up to and including the last item's millisecond, skipping the items of that millisecond
            // already read (within a millisecond the order is by id, the same in every page).
            Instant last = items.getLast().document().effectiveTime();
            upTo = last.plusMillis(1);
            offset = 0;
            for (int i = items.size() - 1; i >= 0 && items.get(i).document().effectiveTime().toEpochMilli() == last.toEpochMilli(); i--) {
                offset++;
            }
        }
        return items;
    }
}
