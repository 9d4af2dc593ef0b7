package org.perdition.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.perdition.cli.SettingsLoader;
import org.perdition.config.Settings;
import org.perdition.plugin.api.LookupException;
import org.perdition.plugin.api.LookupRequest;
import org.perdition.plugin.api.LookupResult;
import org.perdition.plugin.api.PluginContext;
import org.perdition.plugin.api.PopmapLookup;
import org.perdition.protocol.Credentials;

/**
 * Every username option (spec §1.3, §4.1, §4.4) through {@link PopmapResolver#resolveAsync}, as
 * a table: options as on the command line, the client's name, then the map keys asked, the
 * back-end, and the names for remote_login and local_authentication. Expected values are
 * perdition's (spec §4.4 "observed"), except where a row says it is a fixed bug.
 */
class UsernameRulesTableTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 110);

    /** A map that records every key it is asked; "broken" is an access error. */
    static final class RecordingMap implements PopmapLookup {
        final List<String> keys = new CopyOnWriteArrayList<>();
        private final Map<String, String> entries = Map.ofEntries(
                Map.entry("bob", "host1:1110"),
                Map.entry("bob@localhost", "host2"),
                Map.entry("bob@example.org", "host3"),
                Map.entry("carol", "dave@host4"),
                Map.entry("upper", "MIXED@host7"),
                Map.entry("bob::example.org", "host5"),
                Map.entry("carol::x", "erin::host6:2110"),
                Map.entry("example.org", "domainhost"),
                Map.entry("192.0.2.1@zed", "iphost"));

        @Override
        public void init(PluginContext context) {
        }

        @Override
        public LookupResult lookup(LookupRequest request) throws LookupException {
            keys.add(request.key());
            if (request.key().equals("broken")) {
                throw new LookupException(LookupException.Kind.ACCESS, "cannot open map");
            }
            String value = entries.get(request.key());
            return value == null ? LookupResult.notFound() : LookupResult.found(value);
        }
    }

    /** Reverse DNS of the local address: the loopback is "localhost", as in perdition's tests. */
    static final Function<InetAddress, String> FAKE_DNS = address -> {
        String reverseDnsThread = Thread.currentThread().getName();
        if (!reverseDnsThread.startsWith("perdition-lookup-")) {
            throw new AssertionError("reverse DNS on " + reverseDnsThread + ", not on the lookup executor");
        }
        return address.getHostAddress().equals("127.0.0.1") ? "localhost" : "mx.au.example.net";
    };

    private CapturedLog log;
    private PopmapResolver resolver;

    @BeforeEach
    void captureLog() {
        log = CapturedLog.start();
    }

    @AfterEach
    void close() {
        if (resolver != null) {
            resolver.close();
        }
        log.stop();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // options, login (authzid;authcid), keys, server, remote_login, local_authentication
                row("", "bob", "bob", "host1:1110", "bob", "bob"),
                // -S: cut at the last delimiter, per state
                row("-S all", "bob@example.org", "bob", "host1:1110", "bob", "bob"),
                row("-S servername_lookup", "bob@example.org", "bob", "host1:1110", "bob@example.org", "bob@example.org"),
                row("-S remote_login", "bob@example.org", "bob@example.org", "host3:110", "bob", "bob@example.org"),
                row("-S local_auth", "bob@example.org", "bob@example.org", "host3:110", "bob@example.org", "bob"),
                row("-S all", "bob@a@example.org", "bob@a", "-", "bob@a", "bob@a"),
                // -A with -e: only names without a delimiter get the domain
                row("-A remote_login -e example.org", "bob", "bob", "host1:1110", "bob@example.org", "bob"),
                row("-A servername_lookup -e example.org", "bob", "bob@example.org", "host3:110", "bob", "bob"),
                row("-A all -e example.org", "bob@other", "bob@other", "-", "bob@other", "bob@other"),
                row("-A local_authentication -e example.org", "bob", "bob", "host1:1110", "bob", "bob@example.org"),
                // -A with the reverse DNS of the local address (127.0.0.1 = localhost) and STRIP_DEPTH
                row("-A all,0", "bob", "bob@localhost", "host2:110", "bob@localhost", "bob@localhost"),
                row("-A all", "bob", "bob", "host1:1110", "bob", "bob"),          // depth 1: "localhost" has no '.'
                // strip + add in one state replaces the domain (spec §4.4, observed)
                row("-S servername_lookup -A servername_lookup,0", "bob@foo", "bob@localhost", "host2:110",
                        "bob@foo", "bob@foo"),
                row("-S all -A all -e example.org", "bob@foo", "bob@example.org", "host3:110",
                        "bob@example.org", "bob@example.org"),
                // --lower_case (C locale: ASCII only), after strip and add
                row("--lower_case servername_lookup", "BOB", "bob", "host1:1110", "BOB", "BOB"),
                row("--lower_case all -S all", "Bob@Example.ORG", "bob", "host1:1110", "bob", "bob"),
                row("--lower_case remote_login -A remote_login -e EXAMPLE.org", "Bob", "Bob", "-",
                        "bob@example.org", "Bob"),
                row("--lower_case all", "B\u00d6B", "b\u00d6b", "-", "b\u00d6b", "b\u00d6b"),
                // -D, several characters everywhere
                row("-D :: -S remote_login", "bob::example.org", "bob::example.org", "host5:110", "bob", "bob::example.org"),
                row("-D :: -A all -e example.org", "bob", "bob::example.org", "host5:110",
                        "bob::example.org", "bob::example.org"),
                row("-D :: -U", "carol::x", "carol::x", "host6:2110", "erin", "erin"),
                // -U: the map's user part replaces the id before the other two states
                row("-U", "carol", "carol", "host4:110", "dave", "dave"),
                row("-U", "bob", "bob", "host1:1110", "bob", "bob"),
                row("-U -A local_authentication -e example.org", "carol", "carol", "host4:110", "dave", "dave@example.org"),
                row("-U --lower_case remote_login", "upper", "upper", "host7:110", "mixed", "MIXED"),
                row("", "carol", "carol", "host4:110", "carol", "carol"),
                // -c: the text after the last delimiter names the back-end, the map is not asked
                row("-c", "alice@127.0.0.1:2110", "", "127.0.0.1:2110", "alice", "alice"),
                row("-c", "alice@h1", "", "h1:110", "alice", "alice"),
                row("-c", "alice@a@h2:2110", "", "h2:2110", "alice@a", "alice@a"),
                row("-c", "bob", "bob", "host1:1110", "bob", "bob"),
                row("-c -S all", "alice@h1:143", "", "h1:143", "alice", "alice"),
                row("-c -D ##", "alice##[::1]:2110", "", "[::1]:2110", "alice", "alice"),
                row("-c", "alice@[::1]:2110", "", "[::1]:2110", "alice", "alice"),   // bug B8 crashed here
                row("-c", "alice@[::1]", "", "[::1]:110", "alice", "alice"),
                row("-c -A servername_lookup -e mailhost", "alice", "", "mailhost:110", "alice", "alice"),
                // perdition sent "Alice@H1" on when servername_lookup had made a copy (spec §4.1 step 2); fixed
                row("-c --lower_case servername_lookup", "Alice@H1", "", "h1:110", "Alice", "Alice"),
                row("-c -S remote_login -A remote_login -e example.org", "alice@h1", "", "h1:110",
                        "alice@example.org", "alice"),
                row("-c", "alice@", "", "-", "alice", "alice"),
                // --query_key: in order, while "not found"; \d after the WHOLE delimiter (bug B24 fixed)
                row("--query_key \\u,\\d", "zed@example.org", "zed ; example.org", "domainhost:110",
                        "zed@example.org", "zed@example.org"),
                row("--query_key \\U,\\d -D ::", "zed::a::example.org", "zed::a::example.org ; example.org",
                        "domainhost:110", "zed::a::example.org", "zed::a::example.org"),
                row("--query_key \\i\\D\\u", "zed@nowhere", "192.0.2.1@zed", "iphost:110", "zed@nowhere", "zed@nowhere"),
                row("--query_key x\\\\y\\p-\\P-\\I-\\D\\d", "zed", "x\\y40000-110-127.0.0.1-@", "-", "zed", "zed"),
                row("--query_key nope,\\U", "bob", "nope ; bob", "host1:1110", "bob", "bob"),
                row("--query_key broken,\\U", "bob", "broken", "-", "bob", "bob"),
                row("--query_key \\u -S servername_lookup", "bob@example.org", "bob", "host1:1110",
                        "bob@example.org", "bob@example.org"),
                row("--query_key \\U\\", "bob", "bob", "host1:1110", "bob", "bob"),
                // SASL: the authzid is looked up and mangled; the authcid is never changed
                row("", "bob;admin", "bob", "host1:1110", "bob", "bob"),
                row("-S all", "bob@example.org;admin@example.org", "bob", "host1:1110", "bob", "bob"),
                row("-U", "carol;admin", "carol", "host4:110", "dave", "dave"));
    }

    private static Arguments row(String options, String login, String keys, String server, String remote,
            String local) {
        return Arguments.of(options, login, keys, server, remote, local);
    }

    @ParameterizedTest(name = "[{0}] {1} -> keys [{2}] server {3} remote {4} local {5}")
    @MethodSource("table")
    void namesFollowPerditionsRules(String options, String login, String keys, String server, String remote,
            String local) throws Exception {
        RecordingMap map = new RecordingMap();
        Settings settings = settings(options);
        resolver = new PopmapResolver(settings, Popmap.inProcess("memory", map, Popmap.contextFor(settings)),
                new LookupExecutor(), FAKE_DNS);

        Resolution resolution = resolver.resolveAsync(credentials(login), CLIENT, LOCAL).get(10, TimeUnit.SECONDS);

        assertThat(map.keys).isEqualTo(keys.isEmpty() ? List.of() : Arrays.asList(keys.split(" ; ")));
        assertThat(resolution.server() == null ? "-" : resolution.server().toString()).isEqualTo(server);
        assertThat(resolution.remoteUser()).isEqualTo(remote);
        assertThat(resolution.localAuthUser()).isEqualTo(local);
    }

    static Credentials credentials(String login) {
        int split = login.indexOf(';');
        return split < 0 ? new Credentials(null, login, "pw", null)
                : new Credentials(login.substring(0, split), login.substring(split + 1), "pw", null);
    }

    static Settings settings(String options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-f", "", "-M", ""));
        if (!options.isEmpty()) {
            args.addAll(Arrays.asList(options.split(" ")));
        }
        Settings settings = SettingsLoader.load("perdition", args.toArray(String[]::new));
        settings.mapLibrary = "memory";
        return settings;
    }
}
