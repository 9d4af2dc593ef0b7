package org.perdition.plugin.postgresql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.sql.SqlOptions;
import org.perdition.plugin.sql.SqlPopmapLookup;
import org.pf4j.Extension;

/**
 * perdition's PostgreSQL map (perditiondb_postgresql, spec §5.6). Same option layout as MySQL with
 * db {@code dbperdition}; perdition writes the table and server/port columns unquoted (so
 * {@code tblPerdition} is folded to {@code tblperdition}) and the user column double-quoted, and so
 * does this query. perdition pasted the key unescaped into the SQL (an injection); here it is a bind
 * parameter. perdition takes one host; a comma-separated list is accepted and tried in order.
 * Without {@code -m} the defaults apply.
 */
@Extension
public class PostgresqlLookup extends SqlPopmapLookup {

    static final SqlOptions DEFAULTS = new SqlOptions(List.of("localhost"), "", "dbperdition", "tblPerdition",
            "perdition", "perdition", "servername", "user", "port");
    private static final int DEFAULT_PORT = 5432;

    @Override
    protected String name() {
        return "postgresql";
    }

    @Override
    protected SqlOptions defaults() {
        return DEFAULTS;
    }

    @Override
    protected boolean needsOptionString() {
        return false;
    }

    @Override
    protected int defaultPort() {
        return DEFAULT_PORT;
    }

    @Override
    protected Connection connect(SqlOptions options, String host) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", options.user());
        p.setProperty("password", options.password());
        p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        p.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
        p.setProperty("ApplicationName", "perdition");
        String url = "jdbc:postgresql://" + host + ":" + options.portOr(DEFAULT_PORT) + "/" + options.database();
        // straight to the driver: DriverManager only sees drivers of the caller's class loader
        Connection connection = new org.postgresql.Driver().connect(url, p);
        connection.setReadOnly(true);
        return connection;
    }

    @Override
    protected String query(SqlOptions o) {
        return "SELECT " + o.serverColumn() + (o.hasPortColumn() ? "," + o.portColumn() : "")
                + " FROM " + o.table() + " WHERE \"" + o.userColumn() + "\" = ?";
    }

    /** perdition cuts values at the first space: CHAR(n) columns come back blank-padded (spec §5.6). */
    @Override
    protected String clean(String value) {
        if (value == null) {
            return null;
        }
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }

    /** perdition returns -2 for a NULL server (spec §5.6); an empty one is treated the same. */
    @Override
    protected LookupResult emptyServer(String key) {
        return LookupResult.notFound();
    }
}
