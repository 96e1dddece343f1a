package io.yuqing.alerting;

import io.yuqing.core.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the outbox table directly, for tests that check what was enqueued and when it is due. */
public final class OutboxRows {
    public record Row(String key, List<String> recipients, String subject, String textBody, Instant due) {
    }

    private OutboxRows() {
    }

    public static List<Row> all(Database db) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT idempotency_key, recipients, subject, text_body,"
                     + " next_attempt_at FROM outbox ORDER BY id")) {
            List<Row> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), Arrays.asList(rs.getString(2).split("\n")), rs.getString(3),
                            rs.getString(4), Jdbc.instant(rs, "next_attempt_at")));
                }
            }
            return out;
        }
    }

    public static List<String> keys(Database db) throws SQLException {
        return all(db).stream().map(Row::key).toList();
    }
}
