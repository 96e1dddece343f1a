package io.yuqing.alerting.webhook;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.mail.AlertMailRenderer;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.time.Instant;
import java.util.List;

/**
 * What a webhook tells a chat group about one alert. Enterprise name, title and URL are crawled text: each sender
 * escapes them for its format.
 *
 * @param key         unique per intended message, e.g. {@code alert:42:webhook:dingtalk}, for idempotent receivers
 * @param consoleLink where staff review the alert (ours, trusted)
 */
public record WebhookMessage(String key, long alertId, RiskLevel level, String enterpriseName, String title,
                             List<RiskCategory> categories, String url, String consoleLink, Instant raisedAt) {
    public WebhookMessage {
        categories = List.copyOf(categories);
    }

    public static WebhookMessage from(Alert alert, String consoleBaseUrl, String channel) {
        return new WebhookMessage("alert:" + alert.id() + ":webhook:" + channel, alert.id(), alert.level(),
                alert.enterpriseName(), alert.title(), alert.categories(), alert.url(),
                new AlertMailRenderer(consoleBaseUrl).consoleLink(alert.id()), alert.createdAt());
    }
}
