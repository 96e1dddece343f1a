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
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + module)
                .table("flyway_" + module)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
