package io.yuqing.crawler.schedule;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands Quartz connections from the service's own pool, so the job store shares the service database, its pool limits
 * and its credentials. Shutting the scheduler down leaves the pool open: it belongs to the service.
 */
final class ServiceConnectionProvider implements ConnectionProvider {
    private final DataSource dataSource;

    ServiceConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The service closes its pool itself, after the scheduler.
    }

    @Override
    public void initialize() {
        // The pool is already open.
    }
}
