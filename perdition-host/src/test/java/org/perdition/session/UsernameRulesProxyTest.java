package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.perdition.Daemon;
import org.perdition.cli.SettingsLoader;
import org.perdition.config.Settings;
import org.perdition.protocol.SaslPlain;

/**
 * Every username option through the running proxy (POP3 in front): the scripted back-end records
 * exactly which name reached it. Options are given as on the command line; {@code PORT} stands for
 * the back-end's port. Rows with a map use the shipped posix_regex plugin.
 */
class UsernameRulesProxyTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** Accepts any USER/PASS or AUTH PLAIN, then echoes. */
    static final FakeBackend.Script ACCEPTING = c -> {
        c.send("+OK fake POP3 ready\r\n");
        for (String line = c.read(); line != null; line = c.read()) {
            c.send("+OK\r\n");
            if (line.startsWith("PASS ") || line.startsWith("AUTH ")) {
                break;
            }
        }
        for (String line = c.read(); line != null && !line.equals("QUIT"); line = c.read()) {
            c.send("+OK echo " + line + "\r\n");
        }
    };

    static Stream<Arguments> rows() throws IOException {
        String localName = InetAddress.getByName("127.0.0.1").getCanonicalHostName();
        return Stream.of(
                // options, popmap rules ("" = no map, -s to the back-end), login, first back-end line
                Arguments.of("-S remote_login", "", "bob@example.org", "USER bob"),
                Arguments.of("-S all -A remote_login -e example.net", "", "bob@example.org", "USER bob@example.net"),
                Arguments.of("-A remote_login -e example.org", "", "bob", "USER bob@example.org"),
                // a real reverse lookup of the local address 127.0.0.1, depth 0 keeps the whole name
                Arguments.of("-A remote_login,0", "", "bob", "USER bob@" + localName),
                Arguments.of("--lower_case remote_login", "", "BoB@Example.ORG", "USER bob@example.org"),
                Arguments.of("-D :: -S remote_login", "", "bob::example.org", "USER bob"),
                Arguments.of("-D :: -A remote_login -e example.org", "", "bob@x", "USER bob@x::example.org"),
                Arguments.of("-c", "", "bob@127.0.0.1:PORT", "USER bob"),
                Arguments.of("-c --client_server_allow 127.0.0.0/8:*", "", "bob@127.0.0.1:PORT", "USER bob"),
                Arguments.of("-c -D %% -S remote_login", "", "bob@example.org%%127.0.0.1:PORT", "USER bob@example.org"),
                Arguments.of("-U", "^carol$: dave@127.0.0.1:PORT", "carol", "USER dave"),
                // without -U the map's user part is ignored (spec §3.3 step 5); with it, the value splits
                // at the LAST delimiter (§4.2)
                Arguments.of("-D @", "^carol$: dave@127.0.0.1:PORT", "carol", "USER carol"),
                Arguments.of("-U", "^carol$: d@x@127.0.0.1:PORT", "carol", "USER d@x"),
                Arguments.of("-U -A remote_login -e example.org", "^carol$: dave@127.0.0.1:PORT", "carol",
                        "USER dave@example.org"),
                Arguments.of("-S servername_lookup", "^bob$: 127.0.0.1:PORT", "bob@example.org", "USER bob@example.org"),
                Arguments.of("--lower_case servername_lookup", "^bob$: 127.0.0.1:PORT", "BOB", "USER BOB"),
                Arguments.of("-A servername_lookup -e example.org", "^bob@example\\.org$: 127.0.0.1:PORT", "bob",
                        "USER bob"),
                Arguments.of("--query_key \\d,\\u", "^example\\.org$: 127.0.0.1:PORT", "zed@example.org",
                        "USER zed@example.org"),
                Arguments.of("--query_key nobody,\\i-\\u", "^127\\.0\\.0\\.1-zed$: 127.0.0.1:PORT", "zed@example.org",
                        "USER zed@example.org"),
                // the other escapes: \U whole id, \D delimiter, \I local address, \P local and \p client
                // port, \\ a backslash (the rule file resolves \x itself: the regex sees [\] for it)
                Arguments.of("--query_key \\U/\\D/\\I/\\P/\\p/\\\\",
                        "^zed@example\\.org/@/127\\.0\\.0\\.1/[0-9]+/[0-9]+/[\\\\]$: 127.0.0.1:PORT", "zed@example.org",
                        "USER zed@example.org"));
    }

    @ParameterizedTest(name = "[{0}] {2} -> {3}")
    @MethodSource("rows")
    void theBackendSeesTheMangledName(String options, String popmap, String login, String expected) throws Exception {
        FakeBackend backend = backend();
        PopClient client = client(proxy(options, popmap, backend.port()));
        String user = login.replace("PORT", Integer.toString(backend.port()));
        assertThat(client.read()).startsWith("+OK POP3 perditon ready on ");
        assertThat(client.ask("USER " + user)).isEqualTo("+OK USER " + user + " set, mate");
        assertThat(client.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(client.ask("STAT")).isEqualTo("+OK echo STAT");
        assertThat(backend.received()).containsExactly(expected, "PASS secret", "STAT");
    }

    @Test
    void aMinusCTargetOutsideTheAllowListIsRefused() throws Exception {
        FakeBackend backend = backend();
        PopClient client = client(proxy("-c --client_server_allow *.example.org:* -s 127.0.0.1:PORT", "",
                backend.port()));
        client.read();
        client.ask("USER bob@127.0.0.1:" + backend.port());
        assertThat(client.ask("PASS secret")).isEqualTo("-ERR failed: Could not determine server");
        assertThat(backend.received()).isEmpty();
        assertThat(Files.readString(dir.resolve("perdition.log"))).contains("is not in --client_server_allow");
    }

    @Test
    void aSaslAuthzidIsLookedUpMangledAndSentWithTheUnchangedAuthcid() throws Exception {
        FakeBackend backend = backend();
        PopClient client = client(proxy("-U -S remote_login", "^boss$: bob@127.0.0.1:PORT", backend.port()));
        client.read();
        // authzid "boss" (the map key; -U gives "bob"), authcid "admin@example.org" with admin's password
        assertThat(client.ask("AUTH PLAIN " + SaslPlain.encode("boss", "admin@example.org", "adminpw")))
                .isEqualTo("+OK You are so in");
        assertThat(backend.received().get(0))
                .isEqualTo("AUTH PLAIN " + SaslPlain.encode("bob", "admin@example.org", "adminpw"));
    }

    @Test
    void aSaslAuthzidEqualToTheAuthcidIsAnOrdinaryLogin() throws Exception {
        FakeBackend backend = backend();
        PopClient client = client(proxy("-S remote_login -s 127.0.0.1:PORT", "", backend.port()));
        client.read();
        assertThat(client.ask("AUTH PLAIN " + SaslPlain.encode("bob@example.org", "bob@example.org", "pw")))
                .isEqualTo("+OK You are so in");
        assertThat(backend.received()).startsWith("USER bob", "PASS pw");
    }

    @Test
    void anImapClientActingForAnotherUserReachesTheBackendAsSaslPlain() throws Exception {
        FakeBackend backend = backend(c -> {
            c.send("* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN] fake IMAP ready\r\n");
            String line = c.read();
            if (line != null) {
                c.send(line.split(" ", 2)[0] + " OK Logged in\r\n");
            }
            c.read();
        });
        InetSocketAddress address = proxy("perdition.imap4", "--lower_case remote_login -s 127.0.0.1:PORT", "",
                backend.port());
        PopClient client = client(address);
        assertThat(client.read()).startsWith("* OK ");
        assertThat(client.ask("a AUTHENTICATE PLAIN " + SaslPlain.encode("BOB", "admin", "adminpw")))
                .isEqualTo("a OK You are so in");
        assertThat(backend.received().get(0))
                .endsWith(" AUTHENTICATE PLAIN " + SaslPlain.encode("bob", "admin", "adminpw"));
    }

    private InetSocketAddress proxy(String options, String popmap, int backendPort) throws Exception {
        return proxy("perdition.pop3", options, popmap, backendPort);
    }

    private InetSocketAddress proxy(String program, String options, String popmap, int backendPort) throws Exception {
        String port = Integer.toString(backendPort);
        List<String> args = new ArrayList<>(List.of("-f", "", "-F", dir.resolve("perdition.log").toString(),
                "--failure_delay", "0"));
        args.addAll(Arrays.asList(options.replace("PORT", port).split(" ")));
        if (popmap.isEmpty()) {
            args.addAll(List.of("-M", ""));
            if (!options.contains("-c") && !options.contains("-s ")) {
                args.addAll(List.of("-s", "127.0.0.1:" + port));
            }
        } else {
            Path rules = Files.writeString(dir.resolve("popmap.re"), popmap.replace("PORT", port) + "\n");
            args.addAll(List.of("-M", "posix_regex", "-m", rules.toString(), "--plugin_dir",
                    Path.of("..", "plugins").toAbsolutePath().toString()));
        }
        Settings settings = SettingsLoader.load(program, args.toArray(String[]::new));
        settings.bindAddresses.add("127.0.0.1:0");   // a free port: the command line needs a real one
        org.perdition.log.LogSetup.configure(settings);
        Daemon daemon = Daemon.start(settings);
        open.add(daemon);
        return daemon.listenAddresses().get(0);
    }

    private FakeBackend backend() throws IOException {
        return backend(ACCEPTING);
    }

    private FakeBackend backend(FakeBackend.Script script) throws IOException {
        FakeBackend backend = new FakeBackend(script);
        open.add(backend);
        return backend;
    }

    private PopClient client(InetSocketAddress address) throws IOException {
        PopClient client = new PopClient(address);
        open.add(client);
        return client;
    }
}
