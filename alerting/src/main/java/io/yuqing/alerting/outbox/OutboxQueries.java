package io.yuqing.alerting.outbox;

import io.yuqing.alerting.Jdbc;
import io.yuqing.core.config.WebhookConfig;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only views of the outbox for the console: what was sent, what waits, what failed for good. */
public final class OutboxQueries {
    /**
     * One outbox row as staff see it. {@code recipients} is the stored text: mail addresses one per line, or a
     * webhook's URL without its query (the token stays in the config). {@code resentBy} and {@code resentAt} name
     * the last administrator who sent the row again after it had failed for good, and when (both null if nobody did).
     */
    public record OutboxEntry(long id, String idempotencyKey, Channel channel, String recipients, String subject,
                              String textBody, String htmlBody, String status, int attempts, Instant nextAttemptAt,
                              String lastError, Instant createdAt, Instant sentAt, String resentBy, Instant resentAt) {
        /** Failed for good: an administrator may send it again ({@link DeadLetters}). */
        public boolean dead() {
            return Outbox.DEAD.equals(status);
        }
    }

    /** How a row goes out. */
    public sealed interface Channel {
        /** {@code mail} or {@code webhook}, as stored and as the API writes it. */
        String code();
    }

    /** A mail over SMTP. */
    public record Mail() implements Channel {
        @Override
        public String code() {
            return Outbox.MAIL;
        }
    }

    /** A post to one of a desk's webhooks (its position in the desk's list). */
    public record Webhook(WebhookConfig.Kind kind, String deskId, int index) implements Channel {
        @Override
        public String code() {
            return Outbox.WEBHOOK;
        }
    }

    private static final String COLUMNS = "id, idempotency_key, channel, webhook_kind, desk_id, webhook_index, recipients,"
            + " subject, text_body, html_body, status, attempts, next_attempt_at, last_error, created_at, sent_at,"
            + " resent_by, resent_at";

    private final DataSource dataSource;

    public OutboxQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The newest entries first. */
    public List<OutboxEntry> recent(int limit) {
        return Jdbc.query(dataSource, "reading the outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM outbox ORDER BY created_at DESC, id DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setInt(1, Math.max(1, limit));
                return read(ps);
            }
        });
    }

    /**
     * One page of the outbox, newest first as {@link #recent}: rows in {@code status} (pending, sent or dead; null for
     * every status), and with {@code before} only the rows listed after that row (keyset paging, so mail enqueued
     * while someone reads page 2 does not shift page 3). A {@code before} that names no row gives an empty page.
     */
    public List<OutboxEntry> page(String status, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM outbox WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = ?");
        }
        if (before != null) {
            // The same order as the listing: created_at, then id for rows created in the same instant.
            sql.append(" AND (created_at < (SELECT b.created_at FROM outbox b WHERE b.id = ?)"
                    + " OR (created_at = (SELECT b.created_at FROM outbox b WHERE b.id = ?) AND id < ?))");
        }
        sql.append(" ORDER BY created_at DESC, id DESC OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY");
        return Jdbc.query(dataSource, "reading the outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                if (status != null) {
                    ps.setString(i++, status);
                }
                if (before != null) {
                    ps.setLong(i++, before);
                    ps.setLong(i++, before);
                    ps.setLong(i++, before);
                }
                ps.setInt(i, Math.max(1, limit));
                return read(ps);
            }
        });
    }

    /** Rows per status in one query (statuses without rows are absent). */
    public Map<String, Long> counts() {
        return Jdbc.query(dataSource, "counting the outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM outbox GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                Map<String, Long> counts = new HashMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
                return counts;
            }
        });
    }

    public Optional<OutboxEntry> get(long id) {
        return Jdbc.query(dataSource, "reading outbox entry " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                return read(ps).stream().findFirst();
            }
        });
    }

    /** Number of rows in one status: pending, sent or dead. */
    public long count(String status) {
        return Jdbc.query(dataSource, "counting the outbox", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE status = ?")) {
                ps.setString(1, status);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static List<OutboxEntry> read(PreparedStatement ps) throws java.sql.SQLException {
        List<OutboxEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new OutboxEntry(rs.getLong("id"), rs.getString("idempotency_key"), channel(rs), rs.getString("recipients"),
                        rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body"), rs.getString("status"),
                        rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt_at"), rs.getString("last_error"),
                        Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "sent_at"), rs.getString("resent_by"),
                        Jdbc.instant(rs, "resent_at")));
            }
        }
        return out;
    }

    private static Channel channel(ResultSet rs) throws java.sql.SQLException {
        return switch (rs.getString("channel")) {
            case Outbox.WEBHOOK -> new Webhook(WebhookConfig.Kind.parse(rs.getString("webhook_kind")),
                    rs.getString("desk_id"), rs.getInt("webhook_index"));
            default -> new Mail(); // 'mail', the column's default and every row written before webhooks existed
        };
    }
}
