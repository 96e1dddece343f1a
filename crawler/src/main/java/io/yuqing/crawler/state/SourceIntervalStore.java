package io.yuqing.crawler.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Each source's adapted crawl interval, kept in the service database so a restart (or another node) goes on from it.
 * An interval is stored with the configured {@code every} it adapted from: when the configuration changes that, the
 * stored interval no longer applies and the source starts over from its new {@code every}.
 */
public final class SourceIntervalStore {
    private final DataSource dataSource;

    public SourceIntervalStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored interval of the source, if one was adapted from this {@code every}. */
    public Optional<Duration> interval(String sourceId, Duration every) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT base_ms, interval_ms FROM crawl_source_interval WHERE source_id = ?")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != every.toMillis()) {
                    return Optional.empty();
                }
                return Optional.of(Duration.ofMillis(rs.getLong(2)));
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not read the crawl interval of source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    /** Records the source's interval, adapted from {@code every}. */
    public void save(String sourceId, Duration every, Duration interval, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, sourceId, every, interval, now) > 0) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crawl_source_interval (source_id, base_ms, interval_ms, updated_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, sourceId);
                ps.setLong(2, every.toMillis());
                ps.setLong(3, interval.toMillis());
                ps.setObject(4, now.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // Another node inserted it between our update and insert: the later value wins.
                update(c, sourceId, every, interval, now);
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not record the crawl interval of source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sourceId, Duration every, Duration interval, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE crawl_source_interval SET base_ms = ?, interval_ms = ?, updated_at = ? WHERE source_id = ?")) {
            ps.setLong(1, every.toMillis());
            ps.setLong(2, interval.toMillis());
            ps.setObject(3, now.atOffset(ZoneOffset.UTC));
            ps.setString(4, sourceId);
            return ps.executeUpdate();
        }
    }
}
