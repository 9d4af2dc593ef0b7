package org.perdition.plugin.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small bounded pool: at most {@code size} connections in use at once, idle ones kept for the next
 * lookup. perdition connects once per lookup; keeping connections saves that round trip, and the bound
 * keeps a burst of logins from opening hundreds of database sessions.
 *
 * <p>A kept connection may have died with its server. A work unit that fails on a kept connection
 * with a connection-class error (SQLSTATE class 08, or PostgreSQL's 57P "session terminated") is
 * retried once on a fresh connection, so the first lookup after a server restart succeeds instead
 * of failing.
 */
public final class ConnectionPool implements AutoCloseable {

    /** Opens a new connection (trying the hosts in order). */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connector connector;
    private final Semaphore permits;
    private final long waitMillis;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    public ConnectionPool(Connector connector, int size, long waitMillis) {
        this.connector = connector;
        this.permits = new Semaphore(size, true);
        this.waitMillis = waitMillis;
    }

    public <T> T withConnection(Work<T> work) throws SQLException {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException("all connections busy for " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a connection", e);
        }
        try {
            Connection kept = takeIdle();
            if (kept != null) {
                try {
                    T result = work.run(kept);
                    giveBack(kept);
                    return result;
                } catch (SQLException e) {
                    closeQuietly(kept);
                    if (!isConnectionError(e)) {
                        throw e;
                    }
                }
            }
            Connection fresh = connector.connect();
            try {
                T result = work.run(fresh);
                giveBack(fresh);
                return result;
            } catch (SQLException | RuntimeException e) {
                closeQuietly(fresh);
                throw e;
            }
        } finally {
            permits.release();
        }
    }

    /** A dropped connection, not a slow server: retrying a timeout would only double the wait. */
    private static boolean isConnectionError(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException || cause instanceof java.sql.SQLTimeoutException) {
                return false;
            }
        }
        String state = e.getSQLState();
        // 08: connection exception. 57P01-57P03: PostgreSQL ended the session (admin or crash shutdown,
        // not accepting connections yet): a kept connection that outlived a restart reports this
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    private synchronized Connection takeIdle() {
        return idle.pollFirst();
    }

    private void giveBack(Connection connection) {
        synchronized (this) {
            if (!closed) {
                idle.addFirst(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    @Override
    public void close() {
        Deque<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(ConnectionPool::closeQuietly);
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being dropped; its server may already be gone
        }
    }
}
