package io.yuqing.crawler.schedule;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/** Quartz properties for the two ways the crawl scheduler runs: alone in memory, or clustered on the service database. */
final class QuartzSettings {
    /** How often a clustered node records that it is alive; a node silent for about three times this is taken over. */
    static final Duration CLUSTER_CHECKIN = Duration.ofSeconds(5);
    /** A run this late counts as missed and is replaced by one run now (crawls do not catch up on missed runs). */
    static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(30);
    /** Cycles run at once when the caller does not say (crawler.concurrentSources in the service). */
    static final int WORKER_THREADS = 4;

    private QuartzSettings() {
    }

    static Properties inMemory(String schedulerName, int workerThreads) {
        Properties props = common(schedulerName, workerThreads);
        props.setProperty("org.quartz.scheduler.instanceId", "NON_CLUSTERED");
        props.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        props.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        return props;
    }

    /**
     * The clustered JDBC store over the connection provider registered as {@code dataSourceName}; the tables come from
     * the crawler's V3 migration.
     */
    static Properties clustered(String schedulerName, String instanceId, String dataSourceName, String delegateClass,
                                int workerThreads) {
        Properties props = common(schedulerName, workerThreads);
        props.setProperty("org.quartz.scheduler.instanceId", instanceId);
        props.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        props.setProperty("org.quartz.jobStore.driverDelegateClass", delegateClass);
        props.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        props.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        props.setProperty("org.quartz.jobStore.isClustered", "true");
        props.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CLUSTER_CHECKIN.toMillis()));
        props.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        // Job data (empty today) is kept as string properties, never as serialized Java objects.
        props.setProperty("org.quartz.jobStore.useProperties", "true");
        return props;
    }

    /** The Quartz SQL dialect for the service database: PostgreSQL, or H2 through the standard delegate. */
    static String delegateFor(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("could not reach the service database for the crawl scheduler: " + e.getMessage(), e);
        }
        return switch (product.toLowerCase(Locale.ROOT)) {
            case "postgresql" -> "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
            case "h2" -> "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
            default -> throw new IllegalArgumentException("the clustered crawl scheduler supports H2 and PostgreSQL, not " + product);
        };
    }

    private static Properties common(String schedulerName, int workerThreads) {
        Properties props = new Properties();
        props.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        props.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        props.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        props.setProperty("org.quartz.threadPool.threadCount", Integer.toString(workerThreads));
        props.setProperty("org.quartz.threadPool.threadNamePrefix", "yuqing-crawl");
        return props;
    }
}
