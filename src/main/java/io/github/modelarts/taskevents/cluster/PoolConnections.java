package io.github.modelarts.taskevents.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/** Quartz's connections from a pool of the application's; the application closes the pool, not Quartz. */
final class PoolConnections implements ConnectionProvider {
    private final DataSource pool;

    PoolConnections(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void initialize() {
        // the pool is ready when handed over
    }

    @Override
    public void shutdown() {
        // closed with the state database
    }
}
