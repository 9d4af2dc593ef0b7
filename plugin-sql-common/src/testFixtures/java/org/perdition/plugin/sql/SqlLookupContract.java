package org.perdition.plugin.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;

/**
 * The SQL-specific behaviour both SQL popmaps share (spec §5.5, §5.6), against a real private server:
 * port-column semantics, CHAR padding, identifier validation, host fallback, credentials, query
 * cancel. What every popmap does (found, not found, UTF-8, injection keys, down, slow, reload) is
 * checked once, by {@link SqlPopmapContract}. One server per test class.
 */
public abstract class SqlLookupContract {

    private static SqlServer server;
    private SqlPopmapLookup lookup;

    protected abstract SqlPopmapLookup newLookup();

    /** The database name of perdition's defaults for this plugin. */
    protected abstract String database();

    /** Asserts what a row with an empty server column gives for {@code key}. */
    protected abstract void assertEmptyServer(SqlPopmapLookup lookup, String key) throws Exception;

    protected static SqlServer startServer(SqlServer.Kind kind, String seed) throws Exception {
        Assumptions.assumeTrue(SqlServer.installed(kind), kind + " is not installed");
        server = SqlServer.start(kind);
        server.execute(seed);
        return server;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @AfterEach
    void closeLookup() {
        if (lookup != null) {
            lookup.close();
        }
    }

    protected SqlPopmapLookup init(String options) throws LookupException {
        lookup = newLookup();
        lookup.init(new PluginContext(Optional.of(options), "@", "IMAP4"));
        return lookup;
    }

    /** perdition's default layout on the private server: db, table tblPerdition, user perdition. */
    protected String defaultOptions() {
        return "127.0.0.1:" + server.port() + ":" + database();
    }

    protected static String value(SqlPopmapLookup lookup, String key) throws LookupException {
        LookupResult result = lookup.lookup(LookupRequest.of(key));
        return result instanceof LookupResult.Found found ? found.value() : null;
    }

    @Test
    void portColumnIsAppended() throws Exception {
        assertThat(value(init(defaultOptions()), "alice")).isEqualTo("imap1.example.org:143");
    }

    @Test
    void nullOrEmptyPortIsNotAppended() throws Exception {
        SqlPopmapLookup l = init(defaultOptions());
        assertThat(value(l, "bob")).as("NULL port").isEqualTo("imap2.example.org");
        assertThat(value(l, "jörg")).as("empty port").isEqualTo("imap4.example.org");
    }

    @Test
    void withoutPortColumnOnlyTheServer() throws Exception {
        String options = defaultOptions() + ":tblPerdition:perdition:perdition:servername:user:";
        assertThat(value(init(options), "alice")).isEqualTo("imap1.example.org");
    }

    /** SQL-only attacks; the contract's INJECTION_KEYS cover the generic ones. */
    @ParameterizedTest
    @ValueSource(strings = {"alice'; DROP TABLE tblPerdition; --", "\\' OR 1=1 #", "alice\u0000"})
    void sqlInjectionAttemptsMatchNothing(String key) throws Exception {
        SqlPopmapLookup l = init(defaultOptions());
        assertThat(l.lookup(LookupRequest.of(key))).isInstanceOf(LookupResult.NotFound.class);
        assertThat(value(l, "alice")).isEqualTo("imap1.example.org:143");
    }

    @Test
    void charPaddingIsRemoved() throws Exception {
        String options = defaultOptions() + ":tblPadded:perdition:perdition:srv:login:port";
        assertThat(value(init(options), "dave")).isEqualTo("imap5.example.org:2143");
    }

    @Test
    void emptyServerColumn() throws Exception {
        assertEmptyServer(init(defaultOptions()), "empty");
    }

    @Test
    void hostsAreTriedInOrder() throws Exception {
        // nothing listens on 127.0.0.2 at the server's port: refused, the next host answers
        String options = "127.0.0.2,127.0.0.1:" + server.port() + ":" + database();
        assertThat(value(init(options), "alice")).isEqualTo("imap1.example.org:143");
    }

    /** Wrong credentials (issue 5): ACCESS, naming the server and the user, never the password. */
    @Test
    void wrongPasswordIsAnAccessErrorNamingServerAndUser() throws Exception {
        SqlPopmapLookup l = init(defaultOptions() + ":tblPerdition:perdition:Secret-Wrong-77");
        assertThatThrownBy(() -> l.lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessageContaining("as user 'perdition' to 127.0.0.1:" + server.port())
                .hasMessageNotContaining("Secret-Wrong-77");
    }

    @ParameterizedTest
    @ValueSource(strings = {":tbl;drop:perdition:perdition", ":tblPerdition:perdition:perdition:server name",
        ":tblPerdition:perdition:perdition:servername:us`er", ":tblPerdition:perdition:perdition:servername:\"user\"",
        ":tblPerdition:perdition:perdition:servername:user:port:extra", ":"})
    void badIdentifiersFailInit(String tail) {
        assertThatThrownBy(() -> init(defaultOptions() + tail))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.CONFIGURATION))
                .hasMessageContaining("-m/--map_library_opt");
    }

    /**
     * The contract covers a server that dies while running (allowing failed attempts after the
     * restart); here: a server down at start-up, and the pool's promise that a kept connection
     * which died with its server is retried once on a fresh one, so the first lookup succeeds.
     */
    @Test
    void downAtStartThenRecoversAndAKeptConnectionIsRetried() throws Exception {
        SqlPopmapLookup running = init(defaultOptions());
        assertThat(value(running, "alice")).isEqualTo("imap1.example.org:143");
        server.stop();
        SqlPopmapLookup startedWhileDown = newLookup();
        try {
            startedWhileDown.init(new PluginContext(Optional.of(defaultOptions()), "@", "POP3"));
            assertThatThrownBy(() -> startedWhileDown.lookup(LookupRequest.of("alice")))
                    .isInstanceOfSatisfying(LookupException.class,
                            e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS));
            server.launch();
            assertThat(value(startedWhileDown, "alice")).isEqualTo("imap1.example.org:143");
        } finally {
            startedWhileDown.close();
            server.launch();
        }
        assertThat(value(running, "alice")).as("first lookup on the kept connection").isEqualTo("imap1.example.org:143");
    }

    /**
     * tblSlow is a view that sleeps longer than the query timeout: the query is cancelled (the
     * contract's frozen server is the socket timeout instead), and the pool still works after.
     */
    @Test
    void slowQueryIsCancelledWithAccess() throws Exception {
        SqlPopmapLookup l = init(defaultOptions() + ":tblSlow");
        assertThatThrownBy(() -> l.lookup(LookupRequest.of("alice")))
                .isInstanceOfSatisfying(LookupException.class,
                        e -> assertThat(e.kind()).isEqualTo(LookupException.Kind.ACCESS))
                .hasMessageMatching("(?is).*cancel.*");
        // the pool still works for the next lookup
        assertThat(value(init(defaultOptions()), "alice")).isEqualTo("imap1.example.org:143");
    }
}
