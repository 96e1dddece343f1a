package io.yuqing.crawler.recheck;

import io.yuqing.crawler.state.CrawlStateException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored articles being re-checked and when each is due next (table {@code crawl_recheck}, crawler migrations).
 * An article leaves the table when its re-check window ends or its deletion is confirmed, so the table holds about a
 * week of articles.
 */
public final class RecheckStore {
    private final DataSource dataSource;

    public RecheckStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts re-checking an article; an article tracked already keeps its schedule. */
    public void track(TrackedArticle a, Instant firstCheck) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO crawl_recheck (doc_id, url, source_id, first_seen, "
                     + "checks_done, next_check, content_hash, title, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.docId());
            ps.setString(2, a.url());
            ps.setString(3, a.sourceId());
            ps.setObject(4, utc(a.firstSeen()));
            ps.setInt(5, a.checksDone());
            ps.setObject(6, utc(firstCheck));
            ps.setString(7, a.contentHash());
            ps.setString(8, a.title());
            ps.setString(9, a.text());
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return;
            }
            throw new CrawlStateException("could not start re-checking " + a.url() + ": " + e.getMessage(), e);
        }
    }

    /** The source's articles due by {@code now}, most overdue first, at most {@code limit}. */
    public List<TrackedArticle> due(String sourceId, Instant now, int limit) {
        List<TrackedArticle> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT doc_id, url, source_id, first_seen, checks_done, content_hash, "
                     + "title, body, suspected FROM crawl_recheck WHERE source_id = ? AND next_check <= ? "
                     + "ORDER BY next_check, doc_id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY")) {
            ps.setString(1, sourceId);
            ps.setObject(2, utc(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new TrackedArticle(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getInt(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not read due re-checks of source " + sourceId + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Records a re-check: the version now known, the step reached, and when the next one is due. */
    public void update(TrackedArticle a, Instant nextCheck, String outcome, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE crawl_recheck SET checks_done = ?, next_check = ?, "
                     + "content_hash = ?, title = ?, body = ?, suspected = ?, last_outcome = ?, last_checked = ? WHERE doc_id = ?")) {
            ps.setInt(1, a.checksDone());
            ps.setObject(2, utc(nextCheck));
            ps.setString(3, a.contentHash());
            ps.setString(4, a.title());
            ps.setString(5, a.text());
            ps.setString(6, a.suspected().isEmpty() ? null : a.suspected());
            ps.setString(7, outcome);
            ps.setObject(8, utc(now));
            ps.setString(9, a.docId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CrawlStateException("could not record the re-check of " + a.url() + ": " + e.getMessage(), e);
        }
    }

    /** Stops re-checking an article: its window is over or its deletion was reported. */
    public void finish(String docId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM crawl_recheck WHERE doc_id = ?")) {
            ps.setString(1, docId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CrawlStateException("could not finish re-checking " + docId + ": " + e.getMessage(), e);
        }
    }

    /** When the article's next re-check is due, if it is still being re-checked. */
    public Optional<Instant> nextCheck(String docId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT next_check FROM crawl_recheck WHERE doc_id = ?")) {
            ps.setString(1, docId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant)
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CrawlStateException("could not read the re-check of " + docId + ": " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
