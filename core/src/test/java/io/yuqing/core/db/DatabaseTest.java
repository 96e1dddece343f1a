package io.yuqing.core.db;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQL the stores rely on behaves the same on H2 and on a real PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabases.Kind.class)
class DatabaseTest {
    private static final String CLAIM = "SELECT id FROM probe WHERE flag = ? ORDER BY id"
            + " OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY FOR UPDATE SKIP LOCKED";

    @Parameter
    TestDatabases.Kind kind;
    Database db;

    @BeforeEach
    void setUp() {
        db = kind.create();
        db.migrate("probe");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void knowsItsEngine() {
        assertEquals(kind == TestDatabases.Kind.POSTGRES, db.isPostgres());
    }

    @Test
    void nodesStartingTogetherMigrateOnceWithoutTrippingOverEachOther() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(kind == TestDatabases.Kind.POSTGRES, "several nodes share only PostgreSQL");
        // Two pools racing in one JVM rarely hit the window the migration lock closes (two app JVMs did, in
        // MultiNodeTest); this checks that the lock lets both finish with one applied migration, not that it is needed.
        twoNodesMigrateAFreshDatabase();
    }

    private void twoNodesMigrateAFreshDatabase() throws Exception {
        try (Database fresh = kind.create(); Database otherNode = TestDatabases.secondPool(fresh)) {
            // Another module's table already there: the history table is then created by baselining, the racy step.
            try (Connection c = fresh.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute("CREATE TABLE other_module (id INTEGER)");
            }
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var start = new java.util.concurrent.CountDownLatch(1);
                var a = pool.submit(() -> {
                    start.await();
                    fresh.migrate("probe");
                    return null;
                });
                var b = pool.submit(() -> {
                    start.await();
                    otherNode.migrate("probe");
                    return null;
                });
                start.countDown();
                a.get(60, java.util.concurrent.TimeUnit.SECONDS);
                b.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = fresh.dataSource().getConnection(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"flyway_probe\" WHERE \"success\" = TRUE AND \"version\" = '1'")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
            }
        }
    }

    @Test
    void migratingTwiceAppliesOnce() {
        db.migrate("probe");
        assertEquals(1, count("SELECT COUNT(*) FROM \"flyway_probe\" WHERE \"success\" = TRUE AND \"version\" = '1'"),
                "Flyway keeps its history in lower-case quoted names on both engines");
    }

    @Test
    void identityKeysTimestampsWithZoneAndBooleansRoundTrip() throws SQLException {
        OffsetDateTime at = OffsetDateTime.of(2025, 3, 1, 8, 30, 0, 123_456_000, ZoneOffset.ofHours(8));
        long id;
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO probe (name, flag, at) VALUES (?, ?, ?)",
                     new String[] {"id"})) {
            ps.setString(1, "云帆");
            ps.setBoolean(2, true);
            ps.setObject(3, at);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertTrue(keys.next());
                id = keys.getLong(1);
            }
        }
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, flag, at FROM probe WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("云帆", rs.getString(1));
                assertTrue(rs.getBoolean(2));
                assertEquals(at.toInstant(), rs.getObject(3, OffsetDateTime.class).toInstant());
            }
        }
    }

    @Test
    void uniqueViolationHasSqlState23505() throws SQLException {
        insert("a", false);
        SQLException e = assertThrows(SQLException.class, () -> insert("a", false));
        assertEquals("23505", e.getSQLState());
    }

    @Test
    void skipLockedLeavesRowsLockedByAnotherTransactionToOthers() throws SQLException {
        for (int i = 0; i < 5; i++) {
            insert("row" + i, true);
        }
        try (Connection first = db.dataSource().getConnection(); Connection second = db.dataSource().getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            List<Long> firstClaim = claim(first, 3);
            List<Long> secondClaim = claim(second, 3);
            assertEquals(3, firstClaim.size());
            assertEquals(2, secondClaim.size(), "only the two rows the first transaction does not hold");
            assertFalse(secondClaim.stream().anyMatch(firstClaim::contains));
            first.commit();
            second.commit();
        }
    }

    private static List<Long> claim(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setBoolean(1, true);
            ps.setInt(2, limit);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    private void insert(String name, boolean flag) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO probe (name, flag, at) VALUES (?, ?, ?)")) {
            ps.setString(1, name);
            ps.setBoolean(2, flag);
            ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private long count(String sql) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
