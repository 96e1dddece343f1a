package io.yuqing.app.service;

import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import io.yuqing.core.model.ScoredDocument;
import io.yuqing.crawler.dedup.NearDuplicateIndex;
import io.yuqing.indexer.store.DocumentStore;
import io.yuqing.indexer.store.InvalidQueryException;
import io.yuqing.indexer.store.SearchHit;
import io.yuqing.indexer.store.SearchQuery;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored items of a period, read from the configured index, with their repost clusters from the service database:
 * what {@code yuqing rules test} replays. Reads only.
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
     */
    public record Loaded(List<ScoredDocument> items, Map<String, String> clusters, boolean truncated) {
    }

    /** The index or the database cannot be read; the message says why and what to do. */
    public static final class UnavailableException extends Exception {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Loaded load(YuqingConfig config, Instant from, Instant to) throws UnavailableException {
        if (!config.index().usesElasticsearch() && !Files.isDirectory(config.indexDir())) {
            throw new UnavailableException("no index at " + config.indexDir() + " (nothing stored yet, or the wrong --config)", null);
        }
        List<ScoredDocument> items = new ArrayList<>();
        boolean truncated = false;
        try (DocumentStore store = YuqingService.openStore(config)) {
            SearchQuery q = SearchQuery.all().between(from, to.plusMillis(1)).orderBy(SearchQuery.Order.NEWEST);
            for (int offset = 0; ; offset += SearchQuery.MAX_LIMIT) {
                if (offset >= MAX_ITEMS) {
                    truncated = true;
                    break;
                }
                List<SearchHit> hits = store.search(q.page(offset, SearchQuery.MAX_LIMIT)).hits();
                hits.forEach(h -> items.add(h.doc()));
                if (hits.size() < SearchQuery.MAX_LIMIT) {
                    break;
                }
            }
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new UnavailableException("the index at " + config.indexDir() + " is open in a running service on this"
                    + " machine; run the test there with the service stopped, or against a copy of the data directory", e);
        } catch (IOException | InvalidQueryException e) {
            throw new UnavailableException("cannot read the index: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UnavailableException("cannot read the index: " + e.getMessage(), e);
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
        return new Loaded(items, clusters, truncated);
    }
}
