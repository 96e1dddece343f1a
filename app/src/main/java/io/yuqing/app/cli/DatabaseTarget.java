package io.yuqing.app.cli;

import io.yuqing.core.config.ConfigException;
import io.yuqing.core.config.ConfigLoader;
import io.yuqing.core.config.YuqingConfig;
import io.yuqing.core.db.Database;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which service database a command works on: the one a config file names, or the embedded H2 database under a data
 * directory (default ./data). Used as an exclusive argument group by commands that change stored state.
 */
final class DatabaseTarget {
    @Option(names = "--config", paramLabel = "FILE", description = "configuration naming the database")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory of the embedded database (default ./data)")
    Path data;

    static YuqingConfig resolve(DatabaseTarget target) throws ConfigException {
        if (target != null && target.config != null) {
            return new ConfigLoader().load(target.config);
        }
        YuqingConfig defaults = new ConfigLoader().defaults();
        return target != null && target.data != null ? defaults.withDataDir(target.data) : defaults;
    }

    /** Opens the target's database with every module's migrations applied. */
    static Database open(DatabaseTarget target) throws ConfigException, IOException {
        YuqingConfig cfg = resolve(target);
        Files.createDirectories(cfg.dataDir());
        Database db = new Database(cfg.jdbcUrl(), cfg.database().username(), cfg.database().password());
        try {
            db.migrate("crawler");
            db.migrate("alerting");
            db.migrate("app");
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }
}
