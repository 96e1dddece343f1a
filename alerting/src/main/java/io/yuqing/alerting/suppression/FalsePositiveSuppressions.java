package io.yuqing.alerting.suppression;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What false positives taught: an enterprise with an evidence pattern that staff marked as 误报 raises no alert
 * until the suppression ends. All methods work inside the caller's transaction.
 */
public final class FalsePositiveSuppressions {
    private FalsePositiveSuppressions() {
    }

    /** An active suppression: the false-positive alert that caused it, and when it ends. */
    public record Active(long alertId, Instant until) {
    }

    /** Records that {@code alert} was a false positive: its enterprise and evidence stay quiet for {@code lasting}. */
    public static void record(Connection c, Alert alert, Instant now, Duration lasting) throws SQLException {
        EvidencePattern p = EvidencePattern.of(alert.evidence());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fp_suppressions (enterprise_id, pattern_key,"
                + " pattern, alert_id, created_at, until_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, alert.enterpriseId());
            ps.setString(2, p.key());
            ps.setString(3, p.pattern());
            ps.setLong(4, alert.id());
            ps.setObject(5, Jdbc.toDb(now));
            ps.setObject(6, Jdbc.toDb(now.plus(lasting)));
            ps.executeUpdate();
        }
    }

    /** Ends the suppressions an alert caused (it was reopened: staff no longer call it a false positive). */
    public static void lift(Connection c, long alertId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE fp_suppressions SET until_at = ? WHERE alert_id = ? AND until_at > ?")) {
            ps.setObject(1, Jdbc.toDb(now));
            ps.setLong(2, alertId);
            ps.setObject(3, Jdbc.toDb(now));
            ps.executeUpdate();
        }
    }

    /** The suppression, if any, that covers this enterprise and pattern at {@code now}; the longest lasting one. */
    public static Optional<Active> activeFor(Connection c, String enterpriseId, EvidencePattern pattern, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT alert_id, until_at FROM fp_suppressions"
                + " WHERE enterprise_id = ? AND pattern_key = ? AND until_at > ? ORDER BY until_at DESC, id DESC")) {
            ps.setString(1, enterpriseId);
            ps.setString(2, pattern.key());
            ps.setObject(3, Jdbc.toDb(now));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Active(rs.getLong("alert_id"), Jdbc.instant(rs, "until_at")))
                        : Optional.empty();
            }
        }
    }
}
