package io.yuqing.core.config;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.util.List;

/**
 * A desk that receives alerts, e.g. 宣传部 or 统战部.
 *
 * @param categories categories routed to this desk; empty means all
 * @param minLevel   lowest level routed to this desk
 * @param webhooks   chat robots and endpoints that get the desk's alerts besides mail; empty means mail only
 */
public record DeskConfig(String id, String name, List<String> recipients, List<RiskCategory> categories,
                         RiskLevel minLevel, List<WebhookConfig> webhooks) {
    public DeskConfig {
        id = Ids.require("desk", id);
        name = name == null || name.isBlank() ? id : name.strip();
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        for (String r : recipients) {
            if (r == null || !r.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException("desk '" + id + "': recipient '" + r + "' is not a mail address");
            }
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
        minLevel = minLevel == null ? RiskLevel.BLUE : minLevel;
        if (minLevel == RiskLevel.NONE) {
            throw new IllegalArgumentException("desk '" + id + "': minLevel must be blue, yellow, orange or red");
        }
        webhooks = webhooks == null ? List.of() : webhooks;
        for (int i = 0; i < webhooks.size(); i++) {
            if (webhooks.get(i) == null) {
                throw new IllegalArgumentException("desk '" + id + "': webhook " + (i + 1) + " is empty");
            }
        }
        webhooks = List.copyOf(webhooks);
    }

    /** A desk reached by mail only. */
    public DeskConfig(String id, String name, List<String> recipients, List<RiskCategory> categories,
                      RiskLevel minLevel) {
        this(id, name, recipients, categories, minLevel, List.of());
    }

    /** Whether an alert with these categories and this level goes to this desk. */
    public boolean accepts(List<RiskCategory> alertCategories, RiskLevel level) {
        if (!level.atLeast(minLevel)) {
            return false;
        }
        return categories.isEmpty() || alertCategories.stream().anyMatch(categories::contains);
    }
}
