package io.yuqing.app.service;

import io.yuqing.core.model.PageCopy;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * Sanitised page copies in the service database, one per document. The first copy stays: it is what the page said
 * when we first read it, which is what a reviewer needs once the original is edited or deleted.
 */
public final class PageCopyStore {
    /** SQLSTATE of a unique-key violation in H2 and PostgreSQL alike. */
    private static final String DUPLICATE_KEY = "23505";
    private final DataSource dataSource;

    public PageCopyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Keeps the copy unless the document already has one. */
    public void keep(String documentId, PageCopy copy) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO page_copies (document_id, url, html, fetched_at) VALUES (?,?,?,?)")) {
            insert.setString(1, documentId);
            insert.setString(2, copy.url());
            insert.setString(3, copy.sanitizedHtml());
            insert.setTimestamp(4, Timestamp.from(copy.fetchedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /** Removes the copies fetched before a time (index retention: the documents themselves go too). */
    public int expireFetchedBefore(java.time.Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM page_copies WHERE fetched_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(cutoff));
            return delete.executeUpdate();
        }
    }

    public Optional<PageCopy> find(String documentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT url, html, fetched_at FROM page_copies WHERE document_id = ?")) {
            select.setString(1, documentId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new PageCopy(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        }
    }
}
