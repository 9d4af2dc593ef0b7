package org.perdition.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.perdition.it.DovecotServer;
import org.perdition.plugin.bdb.HashFileWriter;
import org.perdition.plugin.gdbm.GdbmWriter;
import org.perdition.plugin.ldap.SlapdServer;
import org.perdition.plugin.nis.PrivateYpServer;
import org.perdition.plugin.sql.SqlServer;

/**
 * Where one plugin's popmap lives for a benchmark run: a file in a temp directory for the file
 * maps, a private server on loopback for the network maps (the same fixtures the tests use:
 * {@link SqlServer}, {@link PrivateYpServer}, {@link SlapdServer}), seeded with the entries.
 * {@link #close()} stops the server; the fixtures also stop on JVM exit (shutdown hooks), so
 * Ctrl-C leaves nothing behind.
 *
 * @param options the plugin's {@code -m} string
 * @param server  what to close, or null for a file
 * @param dir     the temp directory of the map file, deleted by {@link #close()}
 */
public record MapSource(String options, AutoCloseable server, Path dir) implements AutoCloseable {

    /** Every plugin the benchmarks know, file maps first. */
    public static final List<String> PLUGINS = List.of("gdbm", "bdb", "posix_regex", "ldap", "mysql", "postgresql", "nis");

    /** Writes or starts the popmap of {@code plugin} holding {@code users.entries()}. */
    public static MapSource start(String plugin, UserKeys users) throws Exception {
        Path dir = Files.createTempDirectory("perdition-bench-" + plugin);
        try {
            MapSource source = start(plugin, users, dir);
            return new MapSource(source.options(), source.server(), dir);
        } catch (Exception | Error e) {
            deleteTree(dir);
            throw e;
        }
    }

    private static MapSource start(String plugin, UserKeys users, Path dir) throws Exception {
        Map<String, String> entries = users.entries();
        switch (plugin) {
            case "gdbm": {
                List<byte[][]> rows = new ArrayList<>();
                entries.forEach((k, v) -> rows.add(new byte[][] {utf8(k), utf8(v)}));
                return new MapSource(Files.write(dir.resolve("popmap.gdbm.db"), GdbmWriter.write(rows)).toString(), null, null);
            }
            case "bdb": {
                List<HashFileWriter.Entry> rows = new ArrayList<>();
                entries.forEach((k, v) -> rows.add(new HashFileWriter.Entry(utf8(k), utf8(v))));
                return new MapSource(Files.write(dir.resolve("popmap.bdb.db"), new HashFileWriter().write(rows)).toString(),
                        null, null);
            }
            case "posix_regex": {
                // ten rules, one per last digit: a real regex map holds patterns, not one line per user;
                // names outside the userNNNNN series (the Dovecot users) get a rule each, first
                StringBuilder rules = new StringBuilder();
                entries.forEach((key, value) -> {
                    if (!key.matches("user[0-9]+")) {
                        rules.append('^').append(key).append("$: ").append(value).append('\n');
                    }
                });
                for (int digit = 0; digit < 10; digit++) {
                    rules.append("^user[0-9]*").append(digit).append("$: ").append(users.expected(UserKeys.user(digit)))
                            .append('\n');
                }
                return new MapSource(Files.writeString(dir.resolve("popmap.re"), rules).toString(), null, null);
            }
            case "ldap":
                return ldap(entries);
            case "mysql":
            case "postgresql":
                return sql(plugin, entries);
            case "nis": {
                PrivateYpServer yp = PrivateYpServer.start(entries);
                return new MapSource("user_mail_server@" + PrivateYpServer.DOMAIN + "@127.0.0.1:" + yp.port(), yp, null);
            }
            default:
                throw new IllegalArgumentException("unknown plugin " + plugin + "; known: " + PLUGINS);
        }
    }

    /** Why {@code plugin}'s server cannot run on this machine, or null when it can. */
    public static String unavailable(String plugin) {
        switch (plugin) {
            case "ldap":
                return SlapdServer.available() ? null : "slapd, slapadd or openssl is not installed";
            case "mysql":
                return SqlServer.installed(SqlServer.Kind.MARIADB) ? null : "MariaDB is not installed";
            case "postgresql":
                return SqlServer.installed(SqlServer.Kind.POSTGRESQL) ? null : "PostgreSQL 15 is not installed";
            case "nis":
                try {
                    PrivateYpServer.assumeAvailable();
                    return null;
                } catch (RuntimeException skipped) {   // JUnit's TestAbortedException
                    return skipped.getMessage();
                }
            default:
                return null;
        }
    }

    /** Whether the private Dovecot back-end can run here. */
    public static boolean dovecotInstalled() {
        return Files.isExecutable(DovecotServer.DOVECOT) && Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    private static MapSource ldap(Map<String, String> entries) throws Exception {
        StringBuilder ldif = new StringBuilder();
        entries.forEach((user, value) -> {
            int colon = value.lastIndexOf(':');
            ldif.append("dn: uid=").append(user).append(",ou=mailbox,dc=nodomain\nobjectClass: uidObject\n")
                    .append("objectClass: perditionPopmap\nuid: ").append(user).append("\nmailhost: ")
                    .append(colon < 0 ? value : value.substring(0, colon)).append('\n');
            if (colon >= 0) {
                ldif.append("port: ").append(value.substring(colon + 1)).append('\n');
            }
            ldif.append('\n');
        });
        SlapdServer slapd = SlapdServer.start(ldif.toString());
        return new MapSource("ldap://127.0.0.1:" + slapd.port()
                + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)", slapd, null);
    }

    private static MapSource sql(String plugin, Map<String, String> entries) throws Exception {
        boolean maria = plugin.equals("mysql");
        SqlServer db = SqlServer.start(maria ? SqlServer.Kind.MARIADB : SqlServer.Kind.POSTGRESQL);
        StringBuilder rows = new StringBuilder();
        entries.forEach((user, value) -> {
            int colon = value.lastIndexOf(':');
            rows.append(rows.length() == 0 ? "" : ",\n").append("('").append(user).append("','")
                    .append(colon < 0 ? value : value.substring(0, colon)).append("',")
                    .append(colon < 0 ? "NULL" : "'" + value.substring(colon + 1) + "'").append(')');
        });
        try {
            db.execute(maria ? """
                    CREATE DATABASE dbPerdition;
                    CREATE USER 'perdition'@'127.0.0.1' IDENTIFIED BY 'perdition';
                    GRANT SELECT ON dbPerdition.* TO 'perdition'@'127.0.0.1';
                    CREATE TABLE dbPerdition.tblPerdition (user varchar(128) PRIMARY KEY, servername varchar(255), port varchar(8));
                    INSERT INTO dbPerdition.tblPerdition VALUES %s;
                    """.formatted(rows) : """
                    CREATE ROLE perdition LOGIN PASSWORD 'perdition';
                    CREATE DATABASE dbperdition OWNER perdition;
                    \\c dbperdition
                    CREATE TABLE tblPerdition ("user" varchar(128) PRIMARY KEY, servername varchar(255), port varchar(8));
                    INSERT INTO tblPerdition VALUES %s;
                    GRANT SELECT ON tblPerdition TO perdition;
                    ANALYZE tblPerdition;
                    """.formatted(rows));
        } catch (Exception e) {
            db.close();
            throw e;
        }
        return new MapSource("127.0.0.1:" + db.port() + ":" + (maria ? "dbPerdition" : "dbperdition"), db, null);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path top) throws IOException {
        if (top == null || !Files.exists(top)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(top)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
