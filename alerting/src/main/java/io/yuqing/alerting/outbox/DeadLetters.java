package io.yuqing.alerting.outbox;

import io.yuqing.alerting.Jdbc;
import io.yuqing.alerting.review.AuditLog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends dead outbox rows again once their cause is fixed (a corrected SMTP password, a repaired webhook URL). A resent
 * row keeps its idempotency key, so the same Message-ID (or webhook key) goes out and a receiver that did get the first
 * copy can drop this one; its attempts start again from 0 and it is due at once. Its last error, times and body stay as
 * they were: only the state changes, and who resent it and when is written on the row and in the audit trail. Only dead
 * rows are resent: a pending row is already on its way and a sent one must never go out twice this way, so the change
 * is made under a row lock and two admins clicking at once resend a row once.
 */
public final class DeadLetters {
    /** The audit trail's action for a resend (alert_actions.action; the row's alert_id is null). */
    public static final String AUDIT_ACTION = "outbox_resend";

    /** What a request to resend one row came to. */
    public sealed interface Resend permits Resent, NotFound, NotDead {
    }

    /** The row is pending again, due at {@code dueAt}. */
    public record Resent(long id, String idempotencyKey, Instant dueAt) implements Resend {
    }

    /** No row with this id. */
    public record NotFound(long id) implements Resend {
    }

    /** The row is not dead ({@code status} is pending or sent), so it is left alone. */
    public record NotDead(long id, String status) implements Resend {
    }

    private final DataSource ds;
    private final Clock clock;

    public DeadLetters(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** Makes the dead row {@code id} pending and due now, as {@code actor}; refuses a row that is not dead. */
    public Resend resend(long id, String actor) {
        Instant now = Jdbc.truncate(clock.instant());
        return Jdbc.inTransaction(ds, "resending outbox row " + id, c -> {
            Optional<Locked> row = lock(c, id);
            if (row.isEmpty()) {
                return new NotFound(id);
            }
            if (!Outbox.DEAD.equals(row.get().status())) {
                return new NotDead(id, row.get().status());
            }
            String key = row.get().idempotencyKey();
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = ?, attempts = 0, next_attempt_at = ?,"
                    + " resent_by = ?, resent_at = ? WHERE id = ?")) {
                ps.setString(1, Outbox.PENDING);
                ps.setObject(2, Jdbc.toDb(now));
                ps.setString(3, actor);
                ps.setObject(4, Jdbc.toDb(now));
                ps.setLong(5, id);
                ps.executeUpdate();
            }
            AuditLog.write(c, null, actor, AUDIT_ACTION, null, null, "outbox row " + id + " (" + key + ")", now);
            return new Resent(id, key, now);
        });
    }

    /** Makes every dead row pending and due now, as {@code actor}, with one audit row; returns how many. */
    public int resendAll(String actor) {
        Instant now = Jdbc.truncate(clock.instant());
        return Jdbc.inTransaction(ds, "resending every dead outbox row", c -> {
            int resent;
            try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = ?, attempts = 0, next_attempt_at = ?,"
                    + " resent_by = ?, resent_at = ? WHERE status = ?")) {
                ps.setString(1, Outbox.PENDING);
                ps.setObject(2, Jdbc.toDb(now));
                ps.setString(3, actor);
                ps.setObject(4, Jdbc.toDb(now));
                ps.setString(5, Outbox.DEAD);
                resent = ps.executeUpdate();
            }
            if (resent > 0) {
                AuditLog.write(c, null, actor, AUDIT_ACTION, null, null, "all dead outbox rows: " + resent, now);
            }
            return resent;
        });
    }

    private record Locked(String idempotencyKey, String status) {
    }

    /**
     * The row's key and status, locked until the transaction ends: a concurrent resend waits and then sees it pending,
     * and no dispatcher can change it in between (dead rows are never claimed; the lock covers the rest).
     */
    private static Optional<Locked> lock(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT idempotency_key, status FROM outbox WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Locked(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }
}
