package io.yuqing.app.service;

import io.yuqing.alerting.Jdbc;
import io.yuqing.core.model.DocumentRevision;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What re-checks found about the originals of stored documents (table {@code document_revisions}): edits and deletions
 * (删帖), each stored once however often it is reported. The stored documents themselves are never changed.
 */
public final class DocumentRevisions {
    private static final int MAX_DETAIL = 2000;
    private final DataSource dataSource;

    public DocumentRevisions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a revision; false when it was recorded before (a re-report after a crash). */
    public boolean record(DocumentRevision r) {
        String key = r.kind().code() + ":" + r.contentHash();
        return Jdbc.query(dataSource, "recording the " + r.kind().code() + " revision of " + r.documentId(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO document_revisions (document_id, url, source_id, "
                    + "kind, revision_key, detail, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.documentId());
                ps.setString(2, r.url());
                ps.setString(3, r.sourceId());
                ps.setString(4, r.kind().code());
                ps.setString(5, key.length() > 100 ? key.substring(0, 100) : key);
                ps.setString(6, r.detail().length() > MAX_DETAIL ? r.detail().substring(0, MAX_DETAIL) : r.detail());
                ps.setObject(7, Jdbc.toDb(r.detectedAt()));
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** The document's revisions, oldest first. */
    public List<DocumentRevision> of(String documentId) {
        return Jdbc.query(dataSource, "reading the revisions of " + documentId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT document_id, url, source_id, kind, detail, detected_at, "
                    + "revision_key FROM document_revisions WHERE document_id = ? ORDER BY detected_at, id")) {
                ps.setString(1, documentId);
                List<DocumentRevision> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString("revision_key");
                        out.add(new DocumentRevision(rs.getString("document_id"), rs.getString("url"), rs.getString("source_id"),
                                DocumentRevision.Kind.ofCode(rs.getString("kind")), Jdbc.instant(rs, "detected_at"),
                                key.substring(key.indexOf(':') + 1), rs.getString("detail")));
                    }
                }
                return out;
            }
        });
    }
}
