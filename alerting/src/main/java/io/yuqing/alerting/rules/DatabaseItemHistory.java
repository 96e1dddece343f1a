package io.yuqing.alerting.rules;

import io.yuqing.alerting.Jdbc;
import io.yuqing.core.model.RiskCategory;
import io.yuqing.core.model.RiskLevel;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * History in the {@code rule_items} table, so the live service's rules survive a restart. Categories are stored as
 * {@code ,code,code,} so one LIKE finds a category; levels as their rank, so one comparison finds a minimum level.
 */
public final class DatabaseItemHistory implements ItemHistory {
    private final DataSource ds;

    public DatabaseItemHistory(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public boolean hasCategory(String enterpriseId, RiskCategory category, RiskLevel minLevel, Instant from, Instant to,
                               String excludingDocumentId) {
        return Jdbc.query(ds, "looking up earlier " + category.code() + " items of " + enterpriseId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rule_items WHERE enterprise_id = ?"
                    + " AND categories LIKE ? AND level_rank >= ? AND at >= ? AND at <= ? AND document_id <> ?"
                    + " FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, enterpriseId);
                ps.setString(2, "%," + category.code() + ",%");
                ps.setInt(3, minLevel.ordinal());
                ps.setObject(4, Jdbc.toDb(from));
                ps.setObject(5, Jdbc.toDb(to));
                ps.setString(6, excludingDocumentId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public Set<String> sites(String enterpriseId, Instant from, Instant to, String excludingDocumentId) {
        return Jdbc.query(ds, "counting the sites of " + enterpriseId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT site FROM rule_items WHERE enterprise_id = ?"
                    + " AND at >= ? AND at <= ? AND document_id <> ?")) {
                ps.setString(1, enterpriseId);
                ps.setObject(2, Jdbc.toDb(from));
                ps.setObject(3, Jdbc.toDb(to));
                ps.setString(4, excludingDocumentId);
                Set<String> out = new TreeSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int clusterSize(String clusterId, Instant from, Instant to, String excludingDocumentId) {
        return Jdbc.query(ds, "counting cluster " + clusterId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT document_id) FROM rule_items"
                    + " WHERE cluster_id = ? AND at >= ? AND at <= ? AND document_id <> ?")) {
                ps.setString(1, clusterId);
                ps.setObject(2, Jdbc.toDb(from));
                ps.setObject(3, Jdbc.toDb(to));
                ps.setString(4, excludingDocumentId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Retention: forgets the items of before {@code cutoff} (their time as recorded: published, else fetched) and
     * returns how many rows went. The caller keeps at least the longest rule look-back.
     */
    public int forgetBefore(Instant cutoff) {
        return Jdbc.query(ds, "forgetting rule items before " + cutoff, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rule_items WHERE at < ?")) {
                ps.setObject(1, Jdbc.toDb(cutoff));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void record(RecordedItem item) {
        Jdbc.query(ds, "remembering item " + item.documentId(), c -> {
            try (PreparedStatement exists = c.prepareStatement(
                    "SELECT 1 FROM rule_items WHERE document_id = ? AND enterprise_id = ?")) {
                exists.setString(1, item.documentId());
                exists.setString(2, item.enterpriseId());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return null;
                    }
                }
            }
            List<String> codes = new ArrayList<>();
            item.categories().forEach(cat -> codes.add(cat.code()));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_items (document_id, enterprise_id, site,"
                    + " cluster_id, categories, level_rank, at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, item.documentId());
                ps.setString(2, item.enterpriseId());
                ps.setString(3, item.site());
                ps.setString(4, item.clusterId());
                ps.setString(5, "," + String.join(",", codes) + ",");
                ps.setInt(6, item.level().ordinal());
                ps.setObject(7, Jdbc.toDb(item.at()));
                ps.executeUpdate();
            } catch (SQLException e) {
                // Another node recorded the same item first: the history is the same either way.
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
            return null;
        });
    }
}
