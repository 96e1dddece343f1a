package io.yuqing.alerting;

import io.yuqing.alerting.routing.GroupLabels;
import io.yuqing.alerting.routing.GroupMembership;
import io.yuqing.core.model.RiskLevel;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side of alerts for the console and the API. */
public final class AlertQueries {
    /** Largest page served, whatever the caller asks for. */
    public static final int MAX_LIMIT = 500;

    private final DataSource ds;

    public AlertQueries(DataSource ds) {
        this.ds = ds;
    }

    /** Matching alerts, newest first. */
    public List<Alert> list(AlertFilter filter, int offset, int limit) {
        Where where = where(filter);
        String sql = "SELECT " + AlertRows.COLUMNS + " FROM alerts" + where.sql()
                + " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return Jdbc.query(ds, "listing alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = where.bind(ps);
                ps.setInt(i++, Math.max(0, offset));
                ps.setInt(i, Math.clamp(limit, 0, MAX_LIMIT));
                List<Alert> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(AlertRows.map(rs));
                    }
                }
                return List.copyOf(out);
            }
        });
    }

    public long count(AlertFilter filter) {
        Where where = where(filter);
        return Jdbc.query(ds, "counting alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM alerts" + where.sql())) {
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * The notification groups holding this alert (none when every route that took it sends one mail per alert), in the
     * order it joined them, each with its other alerts.
     */
    public List<GroupMembership> groupsOf(long alertId) {
        return Jdbc.query(ds, "reading the groups of alert " + alertId, c -> {
            List<GroupMembership> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT g.id, g.route_name, g.desk_id, g.group_key,"
                    + " g.notifications, g.last_notified_at, g.next_flush_at, m.added_at, m.notified_in, m.notified_at"
                    + " FROM alert_group_members m JOIN alert_groups g ON g.id = m.group_id WHERE m.alert_id = ?"
                    + " ORDER BY m.added_at, g.id")) {
                ps.setLong(1, alertId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int in = rs.getInt("notified_in");
                        Integer notifiedIn = rs.wasNull() ? null : in;
                        long groupId = rs.getLong("id");
                        out.add(new GroupMembership(groupId, rs.getString("route_name"), rs.getString("desk_id"),
                                rs.getString("group_key"), Jdbc.instant(rs, "added_at"), notifiedIn,
                                Jdbc.instant(rs, "notified_at"), rs.getInt("notifications"),
                                Jdbc.instant(rs, "last_notified_at"), Jdbc.instant(rs, "next_flush_at"), List.of(), 0,
                                GroupLabels.parse(rs.getString("group_key"), Map.of())));
                    }
                }
            }
            List<GroupMembership> withOthers = new ArrayList<>();
            for (GroupMembership g : out) {
                List<GroupMembership.Member> others = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.level, a.status, a.enterprise_name, a.title,"
                        + " a.created_at, m.notified_in FROM alert_group_members m JOIN alerts a ON a.id = m.alert_id"
                        + " WHERE m.group_id = ? AND m.alert_id <> ? ORDER BY a.created_at DESC, a.id DESC"
                        + " FETCH FIRST " + GroupMembership.MAX_OTHERS + " ROWS ONLY")) {
                    ps.setLong(1, g.groupId());
                    ps.setLong(2, alertId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            int in = rs.getInt("notified_in");
                            Integer notifiedIn = rs.wasNull() ? null : in;
                            others.add(new GroupMembership.Member(rs.getLong("id"), RiskLevel.fromCode(rs.getString("level")),
                                    AlertStatus.fromCode(rs.getString("status")), rs.getString("enterprise_name"),
                                    rs.getString("title"), Jdbc.instant(rs, "created_at"), notifiedIn));
                        }
                    }
                }
                int count;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM alert_group_members WHERE group_id = ? AND alert_id <> ?")) {
                    ps.setLong(1, g.groupId());
                    ps.setLong(2, alertId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        count = rs.getInt(1);
                    }
                }
                // A group by enterprise is named after the enterprise as its alerts name it (the alert pages do too).
                Map<String, String> names = new HashMap<>();
                for (String enterpriseId : GroupLabels.enterpriseIds(g.groupKey())) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT a.enterprise_name FROM alert_group_members m"
                            + " JOIN alerts a ON a.id = m.alert_id WHERE m.group_id = ? AND a.enterprise_id = ?"
                            + " ORDER BY a.id DESC FETCH FIRST 1 ROWS ONLY")) {
                        ps.setLong(1, g.groupId());
                        ps.setString(2, enterpriseId);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                names.put(enterpriseId, rs.getString(1));
                            }
                        }
                    }
                }
                withOthers.add(new GroupMembership(g.groupId(), g.routeName(), g.deskId(), g.groupKey(), g.addedAt(),
                        g.notifiedIn(), g.notifiedAt(), g.notifications(), g.lastNotifiedAt(), g.nextAt(), others, count,
                        GroupLabels.parse(g.groupKey(), names)));
            }
            return List.copyOf(withOthers);
        });
    }

    /** Matching alerts per level, blue to red, with zero for levels that have none. */
    public Map<RiskLevel, Long> countsByLevel(AlertFilter filter) {
        Where where = where(filter);
        return Jdbc.query(ds, "counting alerts by level", c -> {
            Map<RiskLevel, Long> counts = new EnumMap<>(RiskLevel.class);
            for (RiskLevel level : RiskLevel.values()) {
                if (level != RiskLevel.NONE) {
                    counts.put(level, 0L);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT level, COUNT(*) FROM alerts" + where.sql() + " GROUP BY level")) {
                where.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(RiskLevel.fromCode(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    public Optional<Alert> get(long id) {
        return Jdbc.query(ds, "reading alert " + id, c -> AlertRows.find(c, id));
    }

    /** The open alert about this enterprise raised for this document, if any (a story's first report). */
    public Optional<Alert> openFor(String documentId, String enterpriseId) {
        return Jdbc.query(ds, "reading the alert of document " + documentId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS
                    + " FROM alerts WHERE document_id = ? AND enterprise_id = ?")) {
                ps.setString(1, documentId);
                ps.setString(2, enterpriseId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Alert>empty();
                    }
                    Alert a = AlertRows.map(rs);
                    return a.status().open() ? Optional.of(a) : Optional.<Alert>empty();
                }
            }
        });
    }

    /** The open alerts raised for this document (one per enterprise at most). */
    public List<Alert> openForDocument(String documentId) {
        return Jdbc.query(ds, "reading the alerts of document " + documentId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS
                    + " FROM alerts WHERE document_id = ? ORDER BY id")) {
                ps.setString(1, documentId);
                List<Alert> open = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Alert a = AlertRows.map(rs);
                        if (a.status().open()) {
                            open.add(a);
                        }
                    }
                }
                return open;
            }
        });
    }

    /** The newest matching alert's id, 0 when none: the marker new alerts are counted from. */
    public long newestId(AlertFilter filter) {
        Where w = where(filter);
        return Jdbc.query(ds, "reading the newest alert id", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM alerts" + w.sql())) {
                w.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Raising time and score of every matching alert, oldest first (charts and the risk index). */
    public List<Map.Entry<java.time.Instant, Integer>> timesAndScores(AlertFilter filter) {
        Where w = where(filter);
        return Jdbc.query(ds, "reading the risk history", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, score FROM alerts" + w.sql() + " ORDER BY created_at, id")) {
                w.bind(ps);
                List<Map.Entry<java.time.Instant, Integer>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Map.entry(Jdbc.instant(rs, "created_at"), rs.getInt("score")));
                    }
                }
                return out;
            }
        });
    }

    /** Every alert raised at or after {@code from}, oldest first (for rebuilding in-memory state after a restart). */
    public List<Alert> createdSince(java.time.Instant from) {
        return Jdbc.query(ds, "reading alerts since " + from, c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT " + AlertRows.COLUMNS
                    + " FROM alerts WHERE created_at >= ? ORDER BY created_at, id")) {
                ps.setObject(1, Jdbc.toDb(from));
                List<Alert> out = new ArrayList<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(AlertRows.map(rs));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Open alerts overdue at {@code now} (超期), oldest deadline first: assigned alerts past their due date, and
     * other open alerts (or assigned ones without a deadline) raised more than {@code overdueAfter} ago.
     */
    public List<Alert> overdue(java.time.Instant now, java.time.Duration overdueAfter, int limit) {
        String sql = "SELECT " + AlertRows.COLUMNS + " FROM alerts WHERE status IN (?, ?, ?) AND ("
                + "(status = ? AND due_at IS NOT NULL AND due_at < ?)"
                + " OR ((status <> ? OR due_at IS NULL) AND created_at < ?))"
                + " ORDER BY created_at, id OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY";
        List<Alert> rows = Jdbc.query(ds, "listing overdue alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, AlertStatus.NEW.code());
                ps.setString(2, AlertStatus.ACKNOWLEDGED.code());
                ps.setString(3, AlertStatus.ASSIGNED.code());
                ps.setString(4, AlertStatus.ASSIGNED.code());
                ps.setObject(5, Jdbc.toDb(now));
                ps.setString(6, AlertStatus.ASSIGNED.code());
                ps.setObject(7, Jdbc.toDb(now.minus(overdueAfter)));
                ps.setInt(8, Math.clamp(limit, 0, MAX_LIMIT));
                List<Alert> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(AlertRows.map(rs));
                    }
                }
                return out;
            }
        });
        return rows.stream().sorted(java.util.Comparator.comparing((Alert a) -> a.overdueFrom(overdueAfter))
                .thenComparingLong(Alert::id)).toList();
    }

    private static Where where(AlertFilter filter) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.openOnly()) {
            List<AlertStatus> open = java.util.Arrays.stream(AlertStatus.values()).filter(AlertStatus::open).toList();
            clauses.add("status IN (" + String.join(", ", java.util.Collections.nCopies(open.size(), "?")) + ")");
            open.forEach(st -> params.add(st.code()));
        } else if (filter.status() != null) {
            clauses.add("status = ?");
            params.add(filter.status().code());
        }
        if (filter.level() != null) {
            clauses.add("level = ?");
            params.add(filter.level().code());
        }
        if (filter.deskId() != null) {
            // desk_ids is comma-separated; fence it with commas so "a" does not match "ab". Ids may hold '_',
            // a LIKE wildcard, hence the escape.
            clauses.add("(',' || desk_ids || ',') LIKE ? ESCAPE '!'");
            params.add("%," + likeLiteral(filter.deskId()) + ",%");
        }
        if (filter.enterpriseId() != null) {
            clauses.add("enterprise_id = ?");
            params.add(filter.enterpriseId());
        }
        if (filter.enterpriseIds() != null) {
            if (filter.enterpriseIds().isEmpty()) {
                clauses.add("1 = 0");
            } else {
                clauses.add("enterprise_id IN (" + String.join(", ", java.util.Collections.nCopies(filter.enterpriseIds().size(), "?")) + ")");
                params.addAll(filter.enterpriseIds().stream().sorted().toList());
            }
        }
        if (filter.category() != null) {
            clauses.add("(',' || categories || ',') LIKE ? ESCAPE '!'");
            params.add("%," + likeLiteral(filter.category().code()) + ",%");
        }
        if (filter.createdFrom() != null) {
            clauses.add("created_at >= ?");
            params.add(Jdbc.toDb(filter.createdFrom()));
        }
        if (filter.createdBefore() != null) {
            clauses.add("created_at < ?");
            params.add(Jdbc.toDb(filter.createdBefore()));
        }
        if (filter.afterId() > 0) {
            clauses.add("id > ?");
            params.add(filter.afterId());
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), List.copyOf(params));
    }

    private static String likeLiteral(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private record Where(String sql, List<Object> params) {
        /** Binds the parameters; returns the next free parameter index. */
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            return i;
        }
    }
}
