package io.yuqing.alerting.routing;

import io.yuqing.alerting.Jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Adds alerts to notification groups, inside the caller's transaction (the one that raises the alert), and schedules
 * the group's next look: a new group after its group wait; a group already notified no sooner than its group interval
 * after the last notification; a group whose earlier alerts are all closed starts over like a new one.
 */
public final class AlertGroups {
    private AlertGroups() {
    }

    /** Puts the alert into the group of this route, desk and group key. Returns the group id. */
    public static long add(Connection c, RoutingTree.Route route, String deskId, String groupKey, long alertId,
                           Instant now) throws SQLException {
        String hash = hash(route.key() + "\n" + deskId + "\n" + groupKey);
        long groupId = findOrCreate(c, route, deskId, groupKey, hash, now);
        Instant next;
        Instant lastNotified;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT next_flush_at, last_notified_at FROM alert_groups WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = Jdbc.instant(rs, "next_flush_at");
                lastNotified = Jdbc.instant(rs, "last_notified_at");
            }
        }
        boolean othersOpen = hasOpenMembers(c, groupId);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alert_group_members (group_id, alert_id, added_at, notified_in) VALUES (?, ?, ?, NULL)")) {
            ps.setLong(1, groupId);
            ps.setLong(2, alertId);
            ps.setObject(3, Jdbc.toDb(now));
            ps.executeUpdate();
        }
        Instant due;
        if (lastNotified == null || !othersOpen) {
            // A new group, or one starting over: wait for more alerts (unless a look is already due sooner).
            Instant afterWait = now.plus(route.groupWait());
            due = next != null && next.isBefore(afterWait) && lastNotified == null ? next : afterWait;
        } else {
            Instant afterInterval = lastNotified.plus(route.groupInterval());
            Instant earliest = afterInterval.isBefore(now) ? now : afterInterval;
            due = next != null && next.isBefore(earliest) ? next : earliest;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_groups SET next_flush_at = ? WHERE id = ?")) {
            ps.setObject(1, Jdbc.toDb(due));
            ps.setLong(2, groupId);
            ps.executeUpdate();
        }
        return groupId;
    }

    private static long findOrCreate(Connection c, RoutingTree.Route route, String deskId, String groupKey, String hash,
                                     Instant now) throws SQLException {
        Optional<Long> existing = find(c, hash);
        if (existing.isPresent()) {
            return existing.get();
        }
        // Another node may create the same group at the same moment: its row wins, ours rolls back to here.
        Savepoint before = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_groups (group_hash, route_key, route_name,"
                + " desk_id, group_key, group_interval_ms, repeat_interval_ms, created_at, next_flush_at,"
                + " last_notified_at, notifications) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0)", new String[] {"id"})) {
            ps.setString(1, hash);
            ps.setString(2, route.key());
            ps.setString(3, route.name());
            ps.setString(4, deskId);
            ps.setString(5, groupKey);
            ps.setLong(6, route.groupInterval().toMillis());
            ps.setLong(7, route.repeatInterval().toMillis());
            ps.setObject(8, Jdbc.toDb(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(before);
            return find(c, hash).orElseThrow(() -> e);
        }
    }

    private static Optional<Long> find(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alert_groups WHERE group_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static boolean hasOpenMembers(Connection c, long groupId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alert_group_members m JOIN alerts a ON a.id = m.alert_id"
                + " WHERE m.group_id = ? AND a.status IN ('new', 'acknowledged', 'assigned') FETCH FIRST 1 ROWS ONLY")) {
            ps.setLong(1, groupId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
