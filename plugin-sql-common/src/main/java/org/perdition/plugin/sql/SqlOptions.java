package org.perdition.plugin.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.perdition.plugin.api.LookupException;

/**
 * perdition's SQL map option string (spec §5.5, §5.6), {@code :}-separated, by position:
 * {@code host1[,host2…]:port:dbname:table:user:password:servercol:usercol:portcol}.
 *
 * <p>A missing trailing field takes the plugin's default; an empty field in the middle is an empty
 * string, not the default, as in perdition. Fields cannot contain {@code :}. An empty port means the
 * driver's default port, an empty host means localhost (libmysqlclient's reading of ""), an empty
 * port column means "no port column". Everything that ends up in SQL text or in the JDBC URL is
 * validated here, so a bad option string is a start-up error naming the option, never an injection.
 *
 * @param port the port as written, empty for the driver's default
 * @param portColumn the port column, empty when none
 */
public record SqlOptions(List<String> hosts, String port, String database, String table, String user,
                         String password, String serverColumn, String userColumn, String portColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}");
    private static final int FIELDS = 9;

    /** Parses {@code option}; fields it does not reach come from {@code defaults}. */
    public static SqlOptions parse(String plugin, String option, SqlOptions defaults) throws LookupException {
        String[] given = option.split(":", -1);
        if (given.length > FIELDS) {
            throw invalid(plugin, "more than " + FIELDS + " ':'-separated fields"
                    + " (host:port:dbname:table:user:password:servercol:usercol:portcol)");
        }
        String[] field = {String.join(",", defaults.hosts), defaults.port, defaults.database, defaults.table,
            defaults.user, defaults.password, defaults.serverColumn, defaults.userColumn, defaults.portColumn};
        System.arraycopy(given, 0, field, 0, given.length);
        List<String> hosts = new ArrayList<>();
        for (String host : field[0].split(",", -1)) {
            String h = host.isEmpty() ? "localhost" : host;
            if (!HOST.matcher(h).matches()) {
                throw invalid(plugin, "host '" + h + "' is not a host name or IPv4 address");
            }
            hosts.add(h);
        }
        String port = field[1];
        if (!port.isEmpty() && !port.equals("0") && !validPort(port)) {
            throw invalid(plugin, "port '" + port + "' is not a number from 1 to 65535");
        }
        identifier(plugin, "database name", field[2]);
        identifier(plugin, "table name", field[3]);
        identifier(plugin, "server column", field[6]);
        identifier(plugin, "user column", field[7]);
        if (!field[8].isEmpty()) {
            identifier(plugin, "port column", field[8]);
        }
        // perdition's MySQL default port 0 means "the client library's default"
        return new SqlOptions(List.copyOf(hosts), port.equals("0") ? "" : port, field[2], field[3], field[4],
                field[5], field[6], field[7], field[8]);
    }

    public boolean hasPortColumn() {
        return !portColumn.isEmpty();
    }

    /** The port to connect to: the option's, or {@code defaultPort}. */
    public int portOr(int defaultPort) {
        return port.isEmpty() ? defaultPort : Integer.parseInt(port);
    }

    private static boolean validPort(String port) {
        if (!port.matches("[0-9]{1,5}")) {
            return false;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    private static void identifier(String plugin, String what, String value) throws LookupException {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw invalid(plugin, what + " '" + value + "' is not an SQL identifier"
                    + " (letters, digits and '_', not starting with a digit, at most 64)");
        }
    }

    private static LookupException invalid(String plugin, String why) {
        return new LookupException(LookupException.Kind.CONFIGURATION,
                plugin + ": bad -m/--map_library_opt: " + why);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return String.join(",", hosts) + ":" + port + ":" + database + ":" + table + ":" + user + ":*:"
                + serverColumn + ":" + userColumn + ":" + portColumn;
    }
}
