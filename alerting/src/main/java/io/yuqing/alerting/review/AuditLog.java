package io.yuqing.alerting.review;

import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit trail: who did what and when, for alerts and for events outside any alert. */
public final class AuditLog {
    private static final int MAX_ACTOR = 200;
    private static final int MAX_ACTION = 64;

    private final DataSource ds;
    private final Clock clock;

    public AuditLog(DataSource ds, Clock clock) {
        this.ds = ds;
        this.clock = clock;
    }

    /** Records an event that concerns no single alert, e.g. a config reload or a login. */
    public AlertAction record(String actor, String action, String detail) {
        Instant at = Jdbc.truncate(clock.instant());
        return Jdbc.query(ds, "writing audit event '" + action + "'",
                c -> write(c, null, actor, action, null, null, detail, at));
    }

    /** The audit rows of one alert, oldest first. */
    public List<AlertAction> history(long alertId) {
        return Jdbc.query(ds, "reading history of alert " + alertId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, alert_id, actor, action, from_status, to_status,"
                    + " note, at FROM alert_actions WHERE alert_id = ? ORDER BY at, id")) {
                ps.setLong(1, alertId);
                return read(ps);
            }
        });
    }

    /** Audit rows of events outside any alert, newest first. */
    public List<AlertAction> recentEvents(int limit) {
        return Jdbc.query(ds, "reading audit events", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, alert_id, actor, action, from_status, to_status,"
                    + " note, at FROM alert_actions WHERE alert_id IS NULL ORDER BY at DESC, id DESC"
                    + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setInt(1, Math.max(0, limit));
                return read(ps);
            }
        });
    }

    /** Writes one audit row inside the caller's transaction, so the row and the change it records commit together. */
    public static AlertAction write(Connection c, Long alertId, String actor, String action, AlertStatus from,
                                    AlertStatus to, String note, Instant at) throws SQLException {
        String cleanActor = require("actor", actor, MAX_ACTOR);
        String cleanAction = require("action", action, MAX_ACTION);
        String cleanNote = note == null ? "" : note;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_actions (alert_id, actor, action, from_status,"
                + " to_status, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            if (alertId == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, alertId);
            }
            ps.setString(2, cleanActor);
            ps.setString(3, cleanAction);
            ps.setString(4, from == null ? null : from.code());
            ps.setString(5, to == null ? null : to.code());
            ps.setString(6, cleanNote);
            ps.setObject(7, Jdbc.toDb(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new AlertAction(keys.getLong(1), alertId, cleanActor, cleanAction, from, to, cleanNote,
                        Jdbc.truncate(at));
            }
        }
    }

    private static List<AlertAction> read(PreparedStatement ps) throws SQLException {
        List<AlertAction> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long alertId = rs.getLong("alert_id");
                Long alert = rs.wasNull() ? null : alertId;
                String from = rs.getString("from_status");
                String to = rs.getString("to_status");
                out.add(new AlertAction(rs.getLong("id"), alert, rs.getString("actor"), rs.getString("action"),
                        from == null ? null : AlertStatus.fromCode(from), to == null ? null : AlertStatus.fromCode(to),
                        rs.getString("note"), Jdbc.instant(rs, "at")));
            }
        }
        return List.copyOf(out);
    }

    private static String require(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("audit " + what + " must not be empty");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new IllegalArgumentException("audit " + what + " is longer than " + max + " characters: " + v);
        }
        return v;
    }
}
