package org.perdition.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perdition.abuse.AbuseSuite;
import org.perdition.abuse.Dialect;
import org.perdition.abuse.FdCount;
import org.perdition.abuse.ProxyHarness;
import org.perdition.abuse.RawClient;
import org.perdition.config.Settings;
import org.perdition.lookup.LookupExecutor;
import org.perdition.lookup.Popmap;
import org.perdition.lookup.PopmapResolver;
import org.perdition.plugin.sql.SqlServer;

/**
 * Faults (issue 9): the popmap's server down (process stopped) or slow (frozen with SIGSTOP), for
 * the real ldap plugin against slapd, mysql against MariaDB and postgresql against PostgreSQL,
 * through the running proxy. Each failed login ends with the protocol's failure reply in bounded
 * time, one "popmap lookup failed" line, one failed Auth line, no exception, no Netty leak, no
 * session left open, and as many fds as before. The map routes alice to a closed port, so a
 * working map shows as "Could not connect to server" and a failed one as "Could not determine
 * server" (no -s fallback).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LookupFaultTest extends AbuseSuite {

    /** The lookup bound used here: LookupExecutor's 30 s in production, 2 s to keep the suite short. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    enum MapKind { LDAP, MARIADB, POSTGRESQL }

    private static final Map<MapKind, AutoCloseable> SERVERS = new EnumMap<>(MapKind.class);
    private static final Map<MapKind, CompletableFuture<AutoCloseable>> STARTING = new EnumMap<>(MapKind.class);
    private static int closedPort;

    @AfterAll
    static void stopServers() throws Exception {
        for (CompletableFuture<AutoCloseable> starting : STARTING.values()) {
            AutoCloseable server = starting.exceptionally(e -> null).get();
            if (server != null) {
                server.close();
            }
        }
        STARTING.clear();
        SERVERS.clear();
    }

    private static Path plugins() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("plugins")) && Files.isDirectory(p.resolve("perdition-host"))) {
                return p.resolve("plugins");
            }
        }
        return Path.of("plugins");
    }

    private static String plugin(MapKind kind) {
        return switch (kind) {
            case LDAP -> "ldap";
            case MARIADB -> "mysql";
            case POSTGRESQL -> "postgresql";
        };
    }

    /** The running server for {@code kind} (started for the class); skips when it or its plugin is missing. */
    private static AutoCloseable server(MapKind kind) throws Exception {
        Assumptions.assumeTrue(Files.isReadable(plugins().resolve(plugin(kind) + ".jar")),
                "plugins/" + plugin(kind) + ".jar not built");
        AutoCloseable running = STARTING.get(kind).get();
        Assumptions.assumeTrue(running != null, kind + " is not installed");
        SERVERS.put(kind, running);
        return running;
    }

    /** The three servers start side by side: their start-up (initdb, mariadb-install-db) is most of the suite's time. */
    @BeforeAll
    static void startServers() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        for (MapKind kind : MapKind.values()) {
            STARTING.put(kind, CompletableFuture.supplyAsync(() -> {
                try {
                    return launch(kind);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }));
        }
    }

    /** Null when the server is not installed. */
    private static AutoCloseable launch(MapKind kind) throws Exception {
        if (kind == MapKind.LDAP) {
            return SlapdProcess.available() ? SlapdProcess.start("alice", closedPort) : null;
        }
        SqlServer.Kind sql = kind == MapKind.MARIADB ? SqlServer.Kind.MARIADB : SqlServer.Kind.POSTGRESQL;
        if (!SqlServer.installed(sql)) {
            return null;
        }
        SqlServer database = SqlServer.start(sql);
        String row = "('alice','127.0.0.1','" + closedPort + "')";
        database.execute(kind == MapKind.MARIADB ? """
                CREATE DATABASE dbPerdition;
                CREATE USER 'perdition'@'127.0.0.1' IDENTIFIED BY 'perdition';
                GRANT SELECT ON dbPerdition.* TO 'perdition'@'127.0.0.1';
                CREATE TABLE dbPerdition.tblPerdition (user varchar(128) PRIMARY KEY, servername varchar(255), port varchar(8));
                INSERT INTO dbPerdition.tblPerdition VALUES %s;
                """.formatted(row) : """
                CREATE ROLE perdition LOGIN PASSWORD 'perdition';
                CREATE DATABASE dbperdition OWNER perdition;
                \\c dbperdition
                CREATE TABLE tblPerdition ("user" varchar(128) PRIMARY KEY, servername varchar(255), port varchar(8));
                INSERT INTO tblPerdition VALUES %s;
                GRANT SELECT ON tblPerdition TO perdition;
                """.formatted(row));
        return database;
    }

    private static String mapOptions(MapKind kind, AutoCloseable server) {
        return switch (kind) {
            case LDAP -> "ldap://127.0.0.1:" + ((SlapdProcess) server).port()
                    + "/ou=mailbox,dc=nodomain?username,mailhost,port?one?(uid=%s)";
            case MARIADB -> "127.0.0.1:" + ((SqlServer) server).port() + ":dbPerdition";
            case POSTGRESQL -> "127.0.0.1:" + ((SqlServer) server).port() + ":dbperdition";
        };
    }

    /** The proxy with the real plugin loaded from plugins/, its lookups bounded by {@link #BOUND}. */
    private void startProxy(MapKind kind, Dialect d) throws Exception {
        AutoCloseable server = server(kind);
        java.util.function.Consumer<Settings> options = s -> {
            s.mapLibrary = plugin(kind);
            s.mapLibraryOptions = mapOptions(kind, server);
            s.pluginDirectory = plugins();
            s.authenticateTimeout = 30;
        };
        Settings settings = ProxyHarness.settings(d.protocol());
        options.accept(settings);
        PopmapResolver resolver = new PopmapResolver(settings, Popmap.open(settings).orElse(null),
                new LookupExecutor(4, 64, BOUND));
        proxy = ProxyHarness.start(d.protocol(), options, resolver);
    }

    private static String failure(Dialect d, String reason) {
        return switch (d) {
            case POP3 -> "-ERR failed: " + reason;
            case IMAP -> "a1 NO failed: " + reason;
            case MANAGESIEVE -> "NO \"failed: " + reason + "\"";
        };
    }

    private String login(Dialect d) throws Exception {
        try (RawClient c = proxy.client()) {
            d.readGreeting(c);
            String reply = null;
            for (String line : d.login("alice", "secret")) {
                reply = c.ask(line);
            }
            return reply;
        }
    }

    /** The map answers: alice is routed to the closed port. */
    private void assertMapWorks(MapKind kind, Dialect d) throws Exception {
        startProxy(kind, d);
        assertThat(login(d)).isEqualTo(failure(d, "Could not connect to server"));
        closeProxy();
    }

    /** The map fails: the protocol's reply, one lookup-failure line, one Auth line, nothing left open. */
    private void assertLookupFailsCleanly(MapKind kind, Dialect d) throws Exception {
        startProxy(kind, d);
        int fds = FdCount.now();
        assertThat(login(d)).isEqualTo(failure(d, "Could not determine server"));
        assertThat(proxy.log().await("status=\"failed: Could not determine server\"")).isTrue();
        assertThat(proxy.log().countContaining("popmap lookup failed")).as(proxy.log().text()).isEqualTo(1);
        assertThat(proxy.log().countContaining("Auth:")).isEqualTo(1);
        assertThat(proxy.awaitNoSessions()).isTrue();
        assertThat(FdCount.settleTo(fds, 10_000)).isLessThanOrEqualTo(fds);
    }

    private void closeProxy() throws Exception {
        close(proxy);
        proxy = null;
    }

    private static void close(ProxyHarness harness) throws Exception {
        harness.close();
        assertThat(harness.log().exceptionLines()).isEmpty();
    }

    /** Down last: the server is not started again (the class ends with it), which saves a restart per map. */
    @Order(2)
    @ParameterizedTest
    @EnumSource(MapKind.class)
    void mapServerDown(MapKind kind) throws Exception {
        AutoCloseable server = server(kind);
        assertMapWorks(kind, Dialect.POP3);
        stop(server);
        for (Dialect d : Dialect.values()) {
            assertLookupFailsCleanly(kind, d);
            closeProxy();
        }
    }

    /** Frozen with SIGSTOP: connections are accepted by the kernel and never answered; thawed afterwards. */
    @Order(1)
    @ParameterizedTest
    @EnumSource(MapKind.class)
    void mapServerFrozen(MapKind kind) throws Exception {
        AutoCloseable server = server(kind);
        assertMapWorks(kind, Dialect.POP3);
        signal(server, "STOP");
        // Each proxy is closed after the thaw: closing a plugin's connections to a frozen server
        // waits for the driver's socket timeout, which only makes the suite slow.
        // One protocol per map here (the replies of all three are checked with the map down): with a
        // frozen SQL server each proxy start waits for the plugin's connect timeout (5 s) in init,
        // and the fd check for the lookup's abandoned connection to time out as well.
        Dialect d = Dialect.values()[kind.ordinal() % Dialect.values().length];
        java.util.List<ProxyHarness> frozen = new java.util.ArrayList<>();
        try {
            assertLookupFailsCleanly(kind, d);
            frozen.add(proxy);
            proxy = null;
        } finally {
            signal(server, "CONT");
            for (ProxyHarness harness : frozen) {
                close(harness);
            }
        }
        assertMapWorks(kind, Dialect.IMAP);
    }

    private static void stop(AutoCloseable server) throws Exception {
        if (server instanceof SlapdProcess slapd) {
            slapd.stop();
        } else {
            ((SqlServer) server).stop();
        }
    }

    private static void signal(AutoCloseable server, String signal) throws Exception {
        if (server instanceof SlapdProcess slapd) {
            slapd.signal(signal);
        } else {
            try {
                ((SqlServer) server).signal(signal);
            } catch (java.io.IOException e) {
                // kill(1) signals every pid it can; a PostgreSQL worker that ended meanwhile is no failure
                if (!String.valueOf(e.getMessage()).contains("No such process")) {
                    throw e;
                }
            }
        }
    }
}
