package io.yuqing.alerting;

import io.yuqing.core.db.Database;

import java.util.UUID;

/** A fresh in-memory H2 database with the alerting schema, one per test. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database create() {
        String name = UUID.randomUUID().toString().replace("-", "");
        Database db = new Database("jdbc:h2:mem:test" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        db.migrate("alerting");
        return db;
    }
}
