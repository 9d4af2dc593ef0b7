package org.perdition.plugin.sql;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.perdition.plugin.testkit.PopmapLookupContract;

/**
 * The lookup contract (plugin-testkit) for an SQL popmap against its real private server. The
 * entries live in table {@code tblContract} with perdition's default columns; a value's trailing
 * {@code :port} goes to the port column, so every value also checks that the plugin appends the port
 * column as perdition does (spec §5.5). Down is a stopped server restarted on the same port, slow a
 * server frozen with SIGSTOP (its children too), reload a rewritten table.
 */
public abstract class SqlPopmapContract extends PopmapLookupContract {

    private static final Pattern TRAILING_PORT = Pattern.compile("(.*):([0-9]+)");

    private static SqlServer server;

    protected abstract SqlPopmapLookup newLookup();

    /** The database that holds {@code tblContract}. */
    protected abstract String database();

    /** SQL that makes {@code database()} the current one for the statements that follow. */
    protected abstract String useDatabase();

    protected static void startServer(SqlServer.Kind kind, String seed) throws Exception {
        Assumptions.assumeTrue(SqlServer.installed(kind), kind + " is not installed");
        server = SqlServer.start(kind);
        server.execute(seed);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    protected PopmapLookup lookupWith(Map<String, String> entries) throws Exception {
        changeEntries(entries);
        SqlPopmapLookup lookup = newLookup();
        lookup.init(new PluginContext(Optional.of("127.0.0.1:" + server.port() + ":" + database() + ":tblContract"),
                "@", "IMAP4"));
        return lookup;
    }

    /** One transaction: the plugin never sees a half-written table. */
    @Override
    protected void changeEntries(Map<String, String> entries) throws Exception {
        StringBuilder sql = new StringBuilder(useDatabase()).append("\nBEGIN;\nDELETE FROM tblContract;\n");
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            Matcher port = TRAILING_PORT.matcher(entry.getValue());
            String servername = port.matches() ? port.group(1) : entry.getValue();
            sql.append("INSERT INTO tblContract VALUES (").append(literal(entry.getKey())).append(", ")
                    .append(literal(servername)).append(", ")
                    .append(port.matches() ? literal(port.group(2)) : "NULL").append(");\n");
        }
        server.execute(sql.append("COMMIT;\n").toString());
    }

    @Override
    protected void stopBackend() throws Exception {
        server.stop();
    }

    @Override
    protected void startBackend() throws Exception {
        server.launch();
    }

    @Override
    protected void makeBackendSlow() throws Exception {
        server.signal("STOP");
    }

    @Override
    protected void makeBackendFast() throws Exception {
        server.signal("CONT");
    }

    /** The test data holds no backslash; quotes are doubled, which both servers read the same. */
    private static String literal(String value) {
        if (value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("test data with a backslash: " + value);
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
