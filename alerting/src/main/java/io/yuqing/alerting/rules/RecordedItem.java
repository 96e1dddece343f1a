package io.yuqing.alerting.rules;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.List;

/**
 * A risky item about one enterprise, as the rules remember it: enough to say whether a category is new for the
 * enterprise and how far a story has spread.
 *
 * @param site      the host the item was found on
 * @param clusterId the repost cluster the item belongs to (its own id when it is not a repost)
 */
public record RecordedItem(String documentId, String enterpriseId, String site, String clusterId,
                           List<RiskCategory> categories, RiskLevel level, Instant at) {
    public RecordedItem {
        categories = List.copyOf(categories);
    }
}
