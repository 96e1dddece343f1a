package io.yuqing.alerting.rules;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.Set;

/**
 * The risky items seen so far, which the new-category and spread rules look back on. Windows are inclusive at both
 * ends; the item being evaluated is always left out by its document id.
 */
public interface ItemHistory {
    /** Whether the enterprise had an item of at least {@code minLevel} in the category within [from, to]. */
    boolean hasCategory(String enterpriseId, RiskCategory category, RiskLevel minLevel, Instant from, Instant to,
                        String excludingDocumentId);

    /** The distinct sites with risky items about the enterprise within [from, to]. */
    Set<String> sites(String enterpriseId, Instant from, Instant to, String excludingDocumentId);

    /** How many items of the repost cluster fell within [from, to]. */
    int clusterSize(String clusterId, Instant from, Instant to, String excludingDocumentId);

    /** Remembers an item; recording the same document and enterprise again changes nothing. */
    void record(RecordedItem item);
}
