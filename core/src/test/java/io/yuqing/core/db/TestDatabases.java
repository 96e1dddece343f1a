package io.yuqing.core.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh, empty service databases for tests, on H2 or on a real PostgreSQL. One embedded PostgreSQL server is started
 * per JVM on first use (a couple of seconds) and stopped at JVM exit; every call gets a new database of its own, so
 * tests never see each other's rows. Store tests run once per {@link Kind}.
 */
public final class TestDatabases {
    /** The database engines the service supports. */
    public enum Kind {
        H2, POSTGRES;

        /** A fresh database of this kind. */
        public Database create() {
            return switch (this) {
                case H2 -> h2();
                case POSTGRES -> postgres();
            };
        }
    }

    private TestDatabases() {
    }

    /** A fresh in-memory H2 database, kept until its last connection closes and {@link Database#close()}. */
    public static Database h2() {
        return new Database("jdbc:h2:mem:test" + uniqueName() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** A fresh database on this JVM's embedded PostgreSQL server. */
    public static Database postgres() {
        EmbeddedPostgres server = Server.INSTANCE;
        String name = "test_" + uniqueName();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + ": " + e.getMessage(), e);
        }
        return new Database(server.getJdbcUrl("postgres", name), "postgres", "postgres");
    }

    /** A second connection pool to the same database, as a second service node would have. */
    public static Database secondPool(Database database) {
        var hikari = (com.zaxxer.hikari.HikariDataSource) database.dataSource();
        return new Database(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
    }

    private static String uniqueName() {
        return UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Started on first use (class initialisation is thread-safe and lazy). */
    private static final class Server {
        static final EmbeddedPostgres INSTANCE = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        // Every test opens a pool of up to 8 connections, and a few open two pools.
                        .setServerConfig("max_connections", "300")
                        // Test data need not survive a crash: skip the disk flushes.
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                    try {
                        pg.close();
                    } catch (IOException e) {
                        System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                    }
                }));
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL for tests: " + e.getMessage(), e);
            }
        }
    }
}
