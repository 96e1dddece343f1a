package io.yuqing.app.service;

import io.yuqing.indexer.store.DocumentStore;
import io.yuqing.indexer.store.InvalidQueryException;
import io.yuqing.indexer.store.SearchHit;
import io.yuqing.indexer.store.SearchQuery;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** When a source's items appeared, read from the index (what source-silent rules measure). */
public final class SourceItemTimes {
    /** Enough items for a source's usual gap; older ones in the window are left out. */
    static final int MAX_ITEMS = 2000;

    private SourceItemTimes() {
    }

    /** Item times (publish time, else fetch time) of the source within [from, to), oldest first, the newest {@value #MAX_ITEMS}. */
    public static List<Instant> of(DocumentStore store, String sourceId, Instant from, Instant to)
            throws IOException, InvalidQueryException {
        List<Instant> times = new ArrayList<>();
        SearchQuery q = SearchQuery.all().withSource(sourceId).between(from, to.plusMillis(1))
                .orderBy(SearchQuery.Order.NEWEST);
        for (int offset = 0; offset < MAX_ITEMS; offset += SearchQuery.MAX_LIMIT) {
            List<SearchHit> hits = store.search(q.page(offset, SearchQuery.MAX_LIMIT)).hits();
            hits.forEach(h -> times.add(h.doc().document().effectiveTime()));
            if (hits.size() < SearchQuery.MAX_LIMIT) {
                break;
            }
        }
        times.sort(null);
        return times;
    }
}
