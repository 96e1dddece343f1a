package io.yuqing.alerting.webhook;

import java.util.Optional;

/** Finds the sender for a webhook named by an outbox row, from the configuration in force when sending. */
@FunctionalInterface
public interface WebhookDirectory {
    /** Empty when the config no longer has that webhook (removed or changed since the row was written). */
    Optional<WebhookSender> senderFor(WebhookTarget target);
}
