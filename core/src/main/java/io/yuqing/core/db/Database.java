package io.yuqing.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.util.Locale;

/**
 * The service database: one connection pool, and schema migrations per module. Each module keeps its own Flyway
 * history table and migration folder ({@code db/migration/<module>}), so modules evolve their tables independently.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    public Database(String jdbcUrl, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("yuqing-db");
        // Fail fast with the driver's message rather than hanging for the default 30 s when the database is absent.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        this.dataSource = new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** True for PostgreSQL, where SQL differs from H2 in a few places (upserts, row locks). */
    public boolean isPostgres() {
        return dataSource.getJdbcUrl().toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /** Applies the migrations under {@code classpath:db/migration/<module>} with history table {@code flyway_<module>}. */
    public void migrate(String module) {
        if (!module.matches("[a-z]+")) {
            throw new IllegalArgumentException("module name must be lower-case letters: " + module);
        }
        Flyway flyway = Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + module)
                .table("flyway_" + module)
                // Modules share one schema: the second module to migrate finds the first one's tables and starts
                // its own history from an empty baseline.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        if (!isPostgres()) {
            flyway.migrate();
            return;
        }
        // Several app nodes may start at once against one PostgreSQL. Flyway locks while migrating but not while it
        // creates and baselines a history table, so one node could find another's table half made; an advisory
        // lock held for the whole migration of a module lets exactly one node at a time do it.
        try (java.sql.Connection c = dataSource.getConnection();
             java.sql.PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)");
             java.sql.PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            long key = ("yuqing-migrate-" + module).hashCode();
            lock.setLong(1, key);
            lock.execute();
            try {
                flyway.migrate();
            } finally {
                unlock.setLong(1, key);
                unlock.execute();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot take the migration lock for " + module + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
