package io.yuqing.indexer.store;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;

/**
 * What to search for. Start from {@link #of(String)} and narrow with the {@code with…} methods.
 *
 * @param query        Lucene classic syntax over title and text (AND, OR, NOT, "phrases", title-boosted);
 *                     blank matches every document. Words written together form a phrase (青州云帆 finds that exact
 *                     sequence), words separated by spaces must all occur.
 * @param enterpriseId only documents mentioning this enterprise, or null
 * @param category     only documents with this risk category, or null
 * @param level        only documents of exactly this level, or null
 * @param sourceId     only documents from this source, or null
 * @param from         only documents whose time (publish time, else fetch time) is at or after this, or null
 * @param to           ... and before this, or null
 * @param offset       hits to skip (paging)
 * @param limit        hits to return, 1..{@value #MAX_LIMIT}
 * @param order        result order
 */
public record SearchQuery(String query, String enterpriseId, RiskCategory category, RiskLevel level, String sourceId,
                          Instant from, Instant to, int offset, int limit, Order order) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 1000;

    /** Result orders. */
    public enum Order {
        /** Newest first (the default). */
        NEWEST,
        /** Best text match first. */
        RELEVANCE,
        /** Highest risk score first, newest first among equals. */
        RISK
    }

    public SearchQuery {
        query = query == null ? "" : query.strip();
        enterpriseId = blankToNull(enterpriseId);
        sourceId = blankToNull(sourceId);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ": " + limit);
        }
        order = order == null ? Order.NEWEST : order;
    }

    public static SearchQuery of(String query) {
        return new SearchQuery(query, null, null, null, null, null, null, 0, DEFAULT_LIMIT, Order.NEWEST);
    }

    public static SearchQuery all() {
        return of("");
    }

    public SearchQuery withEnterprise(String id) {
        return new SearchQuery(query, id, category, level, sourceId, from, to, offset, limit, order);
    }

    public SearchQuery withCategory(RiskCategory c) {
        return new SearchQuery(query, enterpriseId, c, level, sourceId, from, to, offset, limit, order);
    }

    public SearchQuery withLevel(RiskLevel l) {
        return new SearchQuery(query, enterpriseId, category, l, sourceId, from, to, offset, limit, order);
    }

    public SearchQuery withSource(String id) {
        return new SearchQuery(query, enterpriseId, category, level, id, from, to, offset, limit, order);
    }

    public SearchQuery between(Instant fromInclusive, Instant toExclusive) {
        return new SearchQuery(query, enterpriseId, category, level, sourceId, fromInclusive, toExclusive, offset, limit, order);
    }

    public SearchQuery page(int newOffset, int newLimit) {
        return new SearchQuery(query, enterpriseId, category, level, sourceId, from, to, newOffset, newLimit, order);
    }

    public SearchQuery orderBy(Order newOrder) {
        return new SearchQuery(query, enterpriseId, category, level, sourceId, from, to, offset, limit, newOrder);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
