package io.yuqing.alerting.outbox;

/** What became of one attempt to hand a mail to the mail server. */
public sealed interface SendResult {
    /** The server accepted the mail. */
    record Sent(String messageId) implements SendResult {
    }

    /**
     * The server did not take the mail.
     *
     * @param retryable true when trying again later may succeed (server unreachable, 4xx); false for a permanent
     *                  rejection (5xx) or a mail that can never be sent (malformed address)
     */
    record Failed(String reason, boolean retryable) implements SendResult {
    }
}
