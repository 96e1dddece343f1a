package io.yuqing.crawler.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Site-search positions in the service database (table crawl_search_cursor), so turns survive restarts and are shared
 * by every node. Update, else insert, tolerating a concurrent insert: plain SQL for H2 and PostgreSQL.
 */
public final class SearchCursorStore implements SearchCursor {
    private final DataSource dataSource;
    private final Clock clock;

    public SearchCursorStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public int next(String sourceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT next_position FROM crawl_search_cursor WHERE source_id = ?")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not read the search position of " + sourceId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String sourceId, int position) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            if (update(c, sourceId, position, now) > 0) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crawl_search_cursor (source_id, next_position, updated_at) VALUES (?, ?, ?)")) {
                ps.setString(1, sourceId);
                ps.setInt(2, position);
                ps.setObject(3, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                // Another node inserted the row between our update and insert.
                if (update(c, sourceId, position, now) == 0) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not save the search position of " + sourceId + ": " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sourceId, int position, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE crawl_search_cursor SET next_position = ?, updated_at = ? WHERE source_id = ?")) {
            ps.setInt(1, position);
            ps.setObject(2, now);
            ps.setString(3, sourceId);
            return ps.executeUpdate();
        }
    }
}
