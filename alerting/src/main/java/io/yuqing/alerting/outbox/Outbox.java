package io.yuqing.alerting.outbox;

import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.webhook.WebhookMessage;
import io.yuqing.alerting.webhook.WebhookTarget;
import io.yuqing.core.config.DeskConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Function;

/** Writes mails and webhook posts into the outbox table, inside the caller's transaction. */
public final class Outbox {
    static final String MAIL = "mail";
    static final String WEBHOOK = "webhook";
    static final String PENDING = "pending";
    static final String SENT = "sent";
    static final String DEAD = "dead";
    /** Recipients are stored one per line; mail addresses never contain whitespace. */
    static final String RECIPIENT_SEPARATOR = "\n";

    private Outbox() {
    }

    /** Enqueues the mail, due at once. Returns the outbox row id. */
    public static long enqueue(Connection c, OutgoingMail mail, Instant now) throws SQLException {
        return enqueue(c, mail, now, now);
    }

    /** Enqueues the mail, first sent at {@code dueAt} (e.g. the end of quiet hours). Returns the outbox row id. */
    public static long enqueue(Connection c, OutgoingMail mail, Instant now, Instant dueAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (idempotency_key, recipients, subject,"
                + " html_body, text_body, status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)", new String[] {"id"})) {
            ps.setString(1, mail.idempotencyKey());
            ps.setString(2, String.join(RECIPIENT_SEPARATOR, mail.recipients()));
            ps.setString(3, mail.subject());
            ps.setString(4, mail.htmlBody());
            ps.setString(5, mail.textBody());
            ps.setString(6, PENDING);
            ps.setObject(7, Jdbc.toDb(dueAt));
            ps.setObject(8, Jdbc.toDb(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Enqueues a webhook post, first sent at {@code dueAt}. The row names the webhook (desk, position, kind,
     * fingerprint) but holds neither its token-bearing URL nor its secret. Returns the outbox row id.
     */
    public static long enqueue(Connection c, OutgoingWebhook webhook, Instant now, Instant dueAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (idempotency_key, recipients, subject,"
                + " html_body, text_body, status, attempts, next_attempt_at, created_at, channel, webhook_kind,"
                + " desk_id, webhook_index, webhook_fingerprint, payload)"
                + " VALUES (?, ?, ?, '', ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            var target = webhook.target();
            var message = webhook.message();
            ps.setString(1, webhook.idempotencyKey());
            ps.setString(2, target.redactedUrl());
            ps.setString(3, message.headline());
            ps.setString(4, message.title());
            ps.setString(5, PENDING);
            ps.setObject(6, Jdbc.toDb(dueAt));
            ps.setObject(7, Jdbc.toDb(now));
            ps.setString(8, WEBHOOK);
            ps.setString(9, target.kind().code());
            ps.setString(10, target.deskId());
            ps.setInt(11, target.index());
            ps.setString(12, target.fingerprint());
            ps.setString(13, WebhookPayload.write(message));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Enqueues one post to each of the desk's webhooks, keyed {@code <keyPrefix>:webhook:<position>}, due at once.
     * Returns how many were enqueued (0 for a desk without webhooks).
     *
     * @param message builds the message for one post from its idempotency key
     */
    public static int enqueueWebhooks(Connection c, DeskConfig desk, String keyPrefix,
                                      Function<String, WebhookMessage> message, Instant now) throws SQLException {
        for (int i = 0; i < desk.webhooks().size(); i++) {
            String key = keyPrefix + ":webhook:" + i;
            enqueue(c, new OutgoingWebhook(key, WebhookTarget.of(desk.id(), i, desk.webhooks().get(i)),
                    message.apply(key)), now, now);
        }
        return desk.webhooks().size();
    }
}
