package org.perdition.plugin.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.sql.SqlOptions;
import org.perdition.plugin.sql.SqlPopmapLookup;
import org.pf4j.Extension;

/**
 * perdition's MySQL map (perditiondb_mysql, spec §5.5), also for MariaDB. Option string
 * {@code host1[,host2…]:port:dbname:table:user:password:servercol:usercol:portcol}; the hosts are
 * tried in order. Without {@code -m} every lookup fails, as in perdition, which builds its host list
 * only from {@code -m}.
 */
@Extension
public class MysqlLookup extends SqlPopmapLookup {

    static final SqlOptions DEFAULTS = new SqlOptions(List.of("localhost"), "", "dbPerdition", "tblPerdition",
            "perdition", "perdition", "servername", "user", "port");
    private static final int DEFAULT_PORT = 3306;

    @Override
    protected String name() {
        return "mysql";
    }

    @Override
    protected SqlOptions defaults() {
        return DEFAULTS;
    }

    @Override
    protected boolean needsOptionString() {
        return true;
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
        p.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS * 1000));
        p.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS * 1000));
        p.setProperty("characterEncoding", "UTF-8");
        // the driver's own failover and retries would stretch a failing lookup past the timeout
        p.setProperty("autoReconnect", "false");
        p.setProperty("allowPublicKeyRetrieval", "true");
        String url = "jdbc:mysql://" + host + ":" + options.portOr(DEFAULT_PORT) + "/" + options.database();
        // straight to the driver: DriverManager only sees drivers of the caller's class loader
        Connection connection = new com.mysql.cj.jdbc.Driver().connect(url, p);
        connection.setReadOnly(true);
        return connection;
    }

    /** perdition selects usercol too; only the server and port are used. Identifiers are validated. */
    @Override
    protected String query(SqlOptions o) {
        return "SELECT `" + o.serverColumn() + "`" + (o.hasPortColumn() ? ", `" + o.portColumn() + "`" : "")
                + " FROM `" + o.table() + "` WHERE `" + o.userColumn() + "` = ?";
    }

    /** MySQL strips CHAR padding itself; trailing blanks of VARCHAR values are dropped too. */
    @Override
    protected String clean(String value) {
        return value == null ? null : value.strip();
    }

    /** perdition returns -3 for a NULL or empty server column (spec §5.5). */
    @Override
    protected LookupResult emptyServer(String key) throws LookupException {
        throw new LookupException(LookupException.Kind.OTHER, "mysql: the server column is empty for the key");
    }
}
