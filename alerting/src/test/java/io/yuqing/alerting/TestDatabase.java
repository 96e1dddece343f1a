package io.yuqing.alerting;

import io.yuqing.core.db.Database;
import io.yuqing.core.db.TestDatabases;

/** A fresh database with the alerting schema, one per test, on H2 or on the embedded PostgreSQL. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database create(TestDatabases.Kind kind) {
        Database db = kind.create();
        db.migrate("alerting");
        return db;
    }
}
