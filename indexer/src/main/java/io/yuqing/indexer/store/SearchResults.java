package io.yuqing.indexer.store;

import java.util.List;
import java.util.Map;

/**
 * One page of search results.
 *
 * @param total  how many documents match, over all pages
 * @param hits   the requested page
 * @param facets counts over all matching documents: {@link #ENTERPRISE} (by enterprise id), {@link #CATEGORY}
 *               (category code), {@link #LEVEL} (level code), {@link #SOURCE} (source id); each map largest count first
 */
public record SearchResults(long total, List<SearchHit> hits, Map<String, Map<String, Long>> facets) {
    public static final String ENTERPRISE = "enterprise";
    public static final String CATEGORY = "category";
    public static final String LEVEL = "level";
    public static final String SOURCE = "source";

    public SearchResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }
}
