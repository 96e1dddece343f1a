package io.yuqing.alerting.outbox;

import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.alerting.webhook.WebhookTarget;

/**
 * A webhook post waiting in the outbox.
 *
 * @param idempotencyKey unique per intended post, e.g. {@code alert:42:desk:publicity:webhook:0}; sent as the
 *                       message key so receivers can drop a repeat after a crash
 */
public record OutgoingWebhook(String idempotencyKey, WebhookTarget target, WebhookMessage message) {
    public OutgoingWebhook {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("an outgoing webhook needs an idempotency key");
        }
        if (!idempotencyKey.equals(message.key())) {
            throw new IllegalArgumentException("webhook '" + idempotencyKey + "': message key '" + message.key()
                    + "' differs from the idempotency key");
        }
    }
}
