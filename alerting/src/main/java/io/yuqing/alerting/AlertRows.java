package io.yuqing.alerting;

import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads alert rows: the one place that knows how an {@link Alert} maps to the alerts table. */
public final class AlertRows {
    public static final String COLUMNS = "id, document_id, enterprise_id, enterprise_name, title, url, source_id, score,"
            + " level, categories, evidence, desk_ids, status, created_at, updated_at, assignee, due_at, silenced_by";

    private AlertRows() {
    }

    public static Optional<Alert> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public static Alert map(ResultSet rs) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getString("document_id"), rs.getString("enterprise_id"),
                rs.getString("enterprise_name"), rs.getString("title"), rs.getString("url"), rs.getString("source_id"),
                rs.getInt("score"), RiskLevel.fromCode(rs.getString("level")),
                split(rs.getString("categories")).stream().map(RiskCategory::fromCode).toList(),
                EvidenceJson.read(rs.getString("evidence")), split(rs.getString("desk_ids")),
                AlertStatus.fromCode(rs.getString("status")), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"), rs.getString("assignee"), Jdbc.instant(rs, "due_at"),
                nullableLong(rs, "silenced_by"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Categories and desk ids are stored comma-separated; their codes and ids never contain commas. */
    static String join(List<String> values) {
        return String.join(",", values);
    }

    static List<String> split(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(stored.split(",")).filter(s -> !s.isEmpty()).toList();
    }
}
