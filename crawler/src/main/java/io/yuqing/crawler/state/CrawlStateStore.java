package io.yuqing.crawler.state;

import io.yuqing.core.model.DocumentIds;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which article URLs were handed on already, and each source's health. Tables come from the Flyway migrations in
 * {@code db/migration/crawler}: run {@code database.migrate(CrawlStateStore.MIGRATIONS)} before use.
 * Plain SQL only (update, else insert, tolerating a concurrent insert), so it runs on H2 and PostgreSQL alike.
 */
public final class CrawlStateStore {
    /** The migration module name for {@code io.yuqing.core.db.Database#migrate}. */
    public static final String MIGRATIONS = "crawler";
    /** Status of a URL whose document was handed on. */
    public static final String STATUS_OK = "ok";

    private static final int IN_BATCH = 200;
    private static final int MAX_ERROR_LENGTH = 2000;

    private final DataSource dataSource;

    public CrawlStateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The service database this state lives in (other crawl tables, e.g. re-checks, live beside it). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The subset of canonical URLs already recorded. */
    public Set<String> seenAmong(Collection<String> canonicalUrls) {
        Map<String, String> byId = new HashMap<>();
        for (String url : canonicalUrls) {
            byId.put(DocumentIds.forUrl(url), url);
        }
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(byId.keySet());
        try (Connection c = dataSource.getConnection()) {
            for (int from = 0; from < ids.size(); from += IN_BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + IN_BATCH));
                String marks = String.join(",", java.util.Collections.nCopies(batch.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT doc_id FROM crawl_seen_url WHERE doc_id IN (" + marks + ")")) {
                    for (int i = 0; i < batch.size(); i++) {
                        ps.setString(i + 1, batch.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seen.add(byId.get(rs.getString(1)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not read seen URLs: " + e.getMessage(), e);
        }
        return seen;
    }

    public boolean isSeen(String canonicalUrl) {
        return !seenAmong(List.of(canonicalUrl)).isEmpty();
    }

    /** The recorded status of a URL (ok, or a permanent failure reason), if any. */
    public Optional<String> status(String canonicalUrl) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM crawl_seen_url WHERE doc_id = ?")) {
            ps.setString(1, DocumentIds.forUrl(canonicalUrl));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not read URL status: " + e.getMessage(), e);
        }
    }

    /** Records a URL as seen with a status; a URL seen before keeps its first-seen time. */
    public void markSeen(String canonicalUrl, String sourceId, String status, Instant now) {
        String docId = DocumentIds.forUrl(canonicalUrl);
        OffsetDateTime at = utc(now);
        try (Connection c = dataSource.getConnection()) {
            if (updateSeen(c, docId, status, at) > 0) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crawl_seen_url (doc_id, url, source_id, first_seen, last_fetched, status) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, docId);
                ps.setString(2, canonicalUrl);
                ps.setString(3, sourceId);
                ps.setObject(4, at);
                ps.setObject(5, at);
                ps.setString(6, status);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                // Another cycle inserted the same URL between our update and insert.
                updateSeen(c, docId, status, at);
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not record seen URL " + canonicalUrl + ": " + e.getMessage(), e);
        }
    }

    private static int updateSeen(Connection c, String docId, String status, OffsetDateTime at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE crawl_seen_url SET last_fetched = ?, status = ? WHERE doc_id = ?")) {
            ps.setObject(1, at);
            ps.setString(2, status);
            ps.setString(3, docId);
            return ps.executeUpdate();
        }
    }

    /**
     * Articles each source brought since a time: read and handed on ({@code ok}), and given up for good (404, robots,
     * too large, no content), by the time they were first seen. The console's "items per day" and "error rate".
     */
    public java.util.Map<String, SourceActivity> activitySince(Instant since) {
        java.util.Map<String, SourceActivity> out = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_id, CASE WHEN status = ? THEN 1 ELSE 0 END, COUNT(*) "
                     + "FROM crawl_seen_url WHERE first_seen >= ? GROUP BY source_id, CASE WHEN status = ? THEN 1 ELSE 0 END")) {
            ps.setString(1, STATUS_OK);
            ps.setObject(2, utc(since));
            ps.setString(3, STATUS_OK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String source = rs.getString(1);
                    boolean ok = rs.getInt(2) == 1;
                    long n = rs.getLong(3);
                    SourceActivity before = out.getOrDefault(source, new SourceActivity(0, 0));
                    out.put(source, ok ? new SourceActivity(before.read() + n, before.failed())
                            : new SourceActivity(before.read(), before.failed() + n));
                }
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not count recent articles: " + e.getMessage(), e);
        }
        return out;
    }

    /** Articles of one source in a period: {@code read} handed on, {@code failed} given up for good. */
    public record SourceActivity(long read, long failed) {
        /** Share of articles given up, 0 when there were none. */
        public double errorRate() {
            return read + failed == 0 ? 0 : (double) failed / (read + failed);
        }
    }

    public SourceState sourceState(String sourceId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT last_attempt, last_success, consecutive_failures, last_error, etag, last_modified "
                             + "FROM crawl_source_state WHERE source_id = ?")) {
            ps.setString(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return SourceState.never(sourceId);
                }
                return new SourceState(sourceId, instant(rs.getObject(1, OffsetDateTime.class)),
                        instant(rs.getObject(2, OffsetDateTime.class)), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6));
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not read state of source " + sourceId + ": " + e.getMessage(), e);
        }
    }

    /** The source page was fetched (or was unchanged) and read; validators are kept for the next conditional GET. */
    public void recordSuccess(String sourceId, Instant now, String etag, String lastModified) {
        SourceState before = sourceState(sourceId);
        write(new SourceState(sourceId, now, now, 0, "", etag, lastModified), before);
    }

    public void recordFailure(String sourceId, Instant now, String error) {
        SourceState before = sourceState(sourceId);
        String message = error == null ? "" : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        write(new SourceState(sourceId, now, before.lastSuccess(), before.consecutiveFailures() + 1, message,
                before.etag(), before.lastModified()), before);
    }

    private void write(SourceState s, SourceState before) {
        try (Connection c = dataSource.getConnection()) {
            boolean exists = before.lastAttempt() != null;
            if (exists && updateSource(c, s) > 0) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crawl_source_state (source_id, last_attempt, last_success, consecutive_failures, "
                            + "last_error, etag, last_modified) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, s.sourceId());
                setTime(ps, 2, s.lastAttempt());
                setTime(ps, 3, s.lastSuccess());
                ps.setInt(4, s.consecutiveFailures());
                ps.setString(5, s.lastError());
                ps.setString(6, s.etag());
                ps.setString(7, s.lastModified());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                updateSource(c, s);
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not record state of source " + s.sourceId() + ": " + e.getMessage(), e);
        }
    }

    private static int updateSource(Connection c, SourceState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE crawl_source_state SET last_attempt = ?, last_success = ?, consecutive_failures = ?, "
                        + "last_error = ?, etag = ?, last_modified = ? WHERE source_id = ?")) {
            setTime(ps, 1, s.lastAttempt());
            setTime(ps, 2, s.lastSuccess());
            ps.setInt(3, s.consecutiveFailures());
            ps.setString(4, s.lastError());
            ps.setString(5, s.etag());
            ps.setString(6, s.lastModified());
            ps.setString(7, s.sourceId());
            return ps.executeUpdate();
        }
    }

    private static void setTime(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, utc(instant));
        }
    }

    /** SQLState 23505 is unique violation in both H2 and PostgreSQL. */
    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
