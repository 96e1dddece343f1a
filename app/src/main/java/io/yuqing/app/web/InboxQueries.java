package io.yuqing.app.web;

import io.yuqing.alerting.Alert;
import io.yuqing.alerting.AlertRows;
import io.yuqing.alerting.AlertStatus;
import io.yuqing.alerting.Jdbc;
import io.yuqing.core.model.Enterprise;
import io.yuqing.core.model.RiskLevel;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inbox's reads over the alerts table, with the filters AlertFilter lacks (category, district, dates) done in
 * SQL, so counts and paging stay exact at any size. Rows are read through {@link AlertRows}, the alerting module's
 * one mapping of the table. District is not stored on alerts: it becomes the watchlist's enterprise ids in that
 * district.
 */
final class InboxQueries {
    /** Largest page served, as in AlertQueries. */
    static final int MAX_LIMIT = 500;

    private final DataSource ds;
    private final Supplier<List<Enterprise>> watchlist;
    private final ZoneId zone;

    InboxQueries(DataSource ds, Supplier<List<Enterprise>> watchlist, ZoneId zone) {
        this.ds = ds;
        this.watchlist = watchlist;
        this.zone = zone;
    }

    /** Matching alerts, newest first. */
    List<Alert> list(InboxFilter filter, int offset, int limit) {
        Where w = where(filter);
        String sql = "SELECT " + AlertRows.COLUMNS + " FROM alerts" + w.sql
                + " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";
        return Jdbc.query(ds, "listing the inbox", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = w.bind(ps);
                ps.setInt(i++, Math.max(0, offset));
                ps.setInt(i, Math.clamp(limit, 0, MAX_LIMIT));
                List<Alert> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(AlertRows.map(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Matching alerts per level (blue to red, zero where none); their sum is the total. */
    Map<RiskLevel, Long> countsByLevel(InboxFilter filter) {
        Where w = where(filter);
        return Jdbc.query(ds, "counting the inbox", c -> {
            Map<RiskLevel, Long> counts = new EnumMap<>(RiskLevel.class);
            for (RiskLevel level : RiskLevel.values()) {
                if (level != RiskLevel.NONE) {
                    counts.put(level, 0L);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT level, COUNT(*) FROM alerts" + w.sql + " GROUP BY level")) {
                w.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(RiskLevel.fromCode(rs.getString(1)), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    /** The newest matching alert's id, 0 when none: the marker new alerts are counted from. */
    long newestId(InboxFilter filter) {
        Where w = where(filter);
        return Jdbc.query(ds, "reading the newest alert id", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM alerts" + w.sql)) {
                w.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Matching alerts with an id above {@code afterId} (ids grow with every new alert). */
    long countAfter(InboxFilter filter, long afterId) {
        Where w = where(filter);
        String sql = "SELECT COUNT(*) FROM alerts" + (w.sql.isEmpty() ? " WHERE " : w.sql + " AND ") + "id > ?";
        return Jdbc.query(ds, "counting new alerts", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = w.bind(ps);
                ps.setLong(i, afterId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Creation time and score of every matching alert since {@code since}, for the enterprise chart. */
    List<Map.Entry<Instant, Integer>> timesAndScores(InboxFilter filter, Instant since) {
        Where w = where(filter);
        String sql = "SELECT created_at, score FROM alerts" + (w.sql.isEmpty() ? " WHERE " : w.sql + " AND ") + "created_at >= ?";
        return Jdbc.query(ds, "reading the risk history", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = w.bind(ps);
                ps.setObject(i, Jdbc.toDb(since));
                List<Map.Entry<Instant, Integer>> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Map.entry(Jdbc.instant(rs, "created_at"), rs.getInt("score")));
                    }
                }
                return out;
            }
        });
    }

    private Where where(InboxFilter f) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (f.openOnly()) {
            clauses.add("status IN (?, ?)");
            params.add(AlertStatus.NEW.code());
            params.add(AlertStatus.ACKNOWLEDGED.code());
        } else if (f.status() != null) {
            clauses.add("status = ?");
            params.add(f.status().code());
        }
        if (f.level() != null) {
            clauses.add("level = ?");
            params.add(f.level().code());
        }
        if (f.deskId() != null) {
            // Comma-fenced like AlertQueries, so desk "a" does not match "ab"; '_' is a LIKE wildcard, hence the escape.
            clauses.add("(',' || desk_ids || ',') LIKE ? ESCAPE '!'");
            params.add("%," + likeLiteral(f.deskId()) + ",%");
        }
        if (f.enterpriseId() != null) {
            clauses.add("enterprise_id = ?");
            params.add(f.enterpriseId());
        }
        if (f.category() != null) {
            clauses.add("(',' || categories || ',') LIKE ? ESCAPE '!'");
            params.add("%," + likeLiteral(f.category().code()) + ",%");
        }
        if (f.district() != null) {
            List<String> ids = watchlist.get().stream().filter(e -> f.district().equals(e.district())).map(Enterprise::id).toList();
            if (ids.isEmpty()) {
                clauses.add("1 = 0");
            } else {
                clauses.add("enterprise_id IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")");
                params.addAll(ids);
            }
        }
        if (f.from() != null) {
            clauses.add("created_at >= ?");
            params.add(Jdbc.toDb(startOf(f.from())));
        }
        if (f.to() != null) {
            clauses.add("created_at < ?");
            params.add(Jdbc.toDb(startOf(f.to().plusDays(1))));
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), List.copyOf(params));
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
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
