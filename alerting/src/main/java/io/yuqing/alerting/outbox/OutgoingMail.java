package io.yuqing.alerting.outbox;

import java.util.List;

/**
 * A mail waiting in the outbox.
 *
 * @param idempotencyKey unique per intended mail, e.g. {@code alert:42:desk:publicity}; also seeds the Message-ID,
 *                       so a mail re-sent after a crash carries the same Message-ID
 */
public record OutgoingMail(String idempotencyKey, List<String> recipients, String subject, String htmlBody,
                           String textBody) {
    public OutgoingMail {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("an outgoing mail needs an idempotency key");
        }
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("mail '" + idempotencyKey + "' has no recipients");
        }
    }
}
