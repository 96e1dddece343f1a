package io.yuqing.alerting;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Small JDBC helpers shared by the alerting stores: transactions and portable timestamp mapping. */
public final class Jdbc {
    private Jdbc() {
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs work in one transaction: commits when it returns, rolls back when it throws. */
    public static <T> T inTransaction(DataSource ds, String what, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new AlertingDatabaseException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs read-only or single-statement work with auto-commit. */
    public static <T> T query(DataSource ds, String what, Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new AlertingDatabaseException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Timestamps are stored to the microsecond (what both H2 and PostgreSQL keep), so an instant read back equals
     * the one written.
     */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** SQLState 23505 is the unique-key violation on H2 and PostgreSQL alike. */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
