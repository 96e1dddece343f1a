package io.yuqing.app;

import io.yuqing.app.service.YuqingService;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Counts in a running service's database, for fault tests that check what was stored and what was marked seen. */
final class ServiceCounts {
    private ServiceCounts() {
    }

    /** URLs the crawler has marked seen. */
    static long seen(YuqingService service) {
        return count(service, "SELECT COUNT(*) FROM crawl_seen_url");
    }

    /** The first column of the first row of a counting query. */
    static long count(YuqingService service, String sql, Object... params) {
        return count(service.database().dataSource(), sql, params);
    }

    /** The same on any database (one the service reaches through a proxy, say). */
    static long count(DataSource db, String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
