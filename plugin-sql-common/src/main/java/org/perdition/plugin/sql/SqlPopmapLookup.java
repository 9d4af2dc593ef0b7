package org.perdition.plugin.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;

/**
 * What perdition's SQL map libraries share (spec §5.5, §5.6): the option string, one prepared
 * {@code SELECT servercol[,portcol] FROM table WHERE usercol = ?} per lookup (perdition pasted the key
 * into the SQL text; here it is always a bind parameter), the first row wins, and the value is
 * {@code server[:port]}, the port appended when a port column is configured and non-empty. The server
 * column may itself hold {@code user@host[:port]}; it is passed on as it is.
 *
 * <p>Init fails only on a bad option string. A server that is down or refuses the credentials is
 * logged at init, and every lookup then fails with ACCESS (perdition's -1) until it is back.
 */
public abstract class SqlPopmapLookup implements PopmapLookup {

    /** Connect, socket and query timeout; the option string has no field for it. */
    public static final int TIMEOUT_SECONDS = 5;
    /** The socket read timeout, a little longer so that a slow query is cancelled first, keeping the connection. */
    public static final int SOCKET_TIMEOUT_SECONDS = TIMEOUT_SECONDS + 2;
    private static final int POOL_SIZE = 4;

    private static final System.Logger LOG = System.getLogger("org.perdition.plugin.sql");

    private record State(SqlOptions options, ConnectionPool pool, String disabledReason) {
    }

    private volatile State state = new State(null, null, "not initialised");
    private volatile PluginContext context;

    /** The plugin id, used in messages ({@code mysql}, {@code postgresql}). */
    protected abstract String name();

    protected abstract SqlOptions defaults();

    /** perdition's MySQL library builds its host list only from {@code -m} (spec §5.5). */
    protected abstract boolean needsOptionString();

    /** Opens a connection to one host, with the timeouts set. */
    protected abstract Connection connect(SqlOptions options, String host) throws SQLException;

    /** The server's port when the option string gives none (for messages; the driver uses it too). */
    protected abstract int defaultPort();

    /** The lookup statement; its only parameter is the key. */
    protected abstract String query(SqlOptions options);

    /** Removes CHAR padding the way the perdition library does. */
    protected abstract String clean(String value);

    /** A row whose server column is NULL or empty. */
    protected abstract LookupResult emptyServer(String key) throws LookupException;

    @Override
    public void init(PluginContext context) throws LookupException {
        this.context = context;
        State next = open(context);
        State previous = state;
        state = next;
        if (previous.pool != null) {
            previous.pool.close();
        }
        if (next.pool != null) {
            probe(next);
        } else {
            LOG.log(System.Logger.Level.WARNING, next.disabledReason);
        }
    }

    private State open(PluginContext context) throws LookupException {
        if (context.options().isEmpty() && needsOptionString()) {
            return new State(null, null, name() + ": no -m/--map_library_opt given: as in perdition,"
                    + " no database host is configured and every lookup fails");
        }
        SqlOptions options = SqlOptions.parse(name(), context.options().orElse(""), defaults());
        ConnectionPool pool = new ConnectionPool(() -> connectToFirst(options), POOL_SIZE,
                TIMEOUT_SECONDS * 1000L);
        return new State(options, pool, null);
    }

    private void probe(State s) {
        try {
            s.pool.withConnection(c -> c.isValid(TIMEOUT_SECONDS));
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, name() + ": database " + s.options
                    + " is not reachable now, lookups fail until it is: " + e.getMessage());
        }
    }

    /** Hosts in order, the first that accepts (perdition's fallback, spec §5.5). */
    private Connection connectToFirst(SqlOptions options) throws SQLException {
        List<String> failures = new ArrayList<>();
        SQLException last = null;
        for (String host : options.hosts()) {
            try {
                return connect(options, host);
            } catch (SQLException e) {
                // the server and the user, so that a refused login is clear in the log; never the password
                failures.add("as user '" + options.user() + "' to " + host + ":" + options.portOr(defaultPort())
                        + ": " + e.getMessage());
                last = e;
            }
        }
        SQLException all = new SQLException("cannot connect: " + String.join("; ", failures),
                last == null ? "08001" : last.getSQLState(), last);
        throw all;
    }

    @Override
    public void reload() throws LookupException {
        PluginContext given = context;
        if (given != null) {
            init(given);
        }
    }

    @Override
    public void close() {
        State s = state;
        state = new State(null, null, name() + ": closed");
        if (s.pool != null) {
            s.pool.close();
        }
    }

    @Override
    public LookupResult lookup(LookupRequest request) throws LookupException {
        State s = state;
        if (s.pool == null) {
            throw new LookupException(LookupException.Kind.ACCESS, s.disabledReason);
        }
        String key = request.key();
        if (key.indexOf('\0') >= 0) {
            // perdition's C string ended at the NUL; PostgreSQL rejects it as a query error. No row holds one.
            return LookupResult.notFound();
        }
        LookupResult result;
        try {
            result = s.pool.withConnection(connection -> select(connection, s.options, key));
        } catch (SQLException e) {
            throw new LookupException(LookupException.Kind.ACCESS, name() + ": lookup failed: " + e.getMessage(), e);
        }
        return result != null ? result : emptyServer(key);
    }

    /** @return null for a row with an empty server, handled outside the pool by {@link #emptyServer} */
    private LookupResult select(Connection connection, SqlOptions options, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query(options))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return LookupResult.notFound();
                }
                String server = clean(row.getString(1));
                if (server == null || server.isEmpty()) {
                    return null;
                }
                String port = options.hasPortColumn() ? clean(row.getString(2)) : null;
                return LookupResult.found(port == null || port.isEmpty() ? server : server + ":" + port);
            }
        }
    }
}
