package io.yuqing.alerting.webhook;

import io.yuqing.alerting.outbox.SendResult;

/**
 * Posts one alert message to a chat webhook. Never throws: every outcome is a {@link SendResult}; 4xx replies (but
 * 429) are permanent, 429, 5xx, timeouts and connection errors retryable.
 */
@FunctionalInterface
public interface WebhookSender {
    SendResult send(WebhookMessage message);
}
