package io.yuqing.crawler.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a site-search source resumes in its list of search terms next cycle, so that with more terms than searches
 * per cycle every term gets its turn.
 */
public interface SearchCursor {
    /** The position to start from (0 for a source never searched); callers take it modulo the number of terms. */
    int next(String sourceId);

    void save(String sourceId, int position);

    /** Kept in this process only: a restart starts again from the first term. */
    static SearchCursor inMemory() {
        Map<String, Integer> positions = new ConcurrentHashMap<>();
        return new SearchCursor() {
            @Override
            public int next(String sourceId) {
                return positions.getOrDefault(sourceId, 0);
            }

            @Override
            public void save(String sourceId, int position) {
                positions.put(sourceId, position);
            }
        };
    }
}
