package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.auth.PamTestService;
import org.perdition.config.UserState;
import org.perdition.log.LogSetup;
import org.perdition.config.Settings;

/**
 * The login options with ManageSieve in front, through the running proxy: {@code -a} with a real
 * PAM stack, {@code -S remote_login}, {@code -U} through a popmap and {@code --login_disabled},
 * against the private Dovecot's managesieved (spec §3.3 steps 2, 5, 9, 13; §4.4).
 */
class ManageSieveLoginOptionsTest {

    /** bob's PAM password differs from his Dovecot password: PAM must refuse bobpw. */
    private static final String BOB_LOCAL = "bob-local-only";

    private static DovecotServer dovecot;
    private static PamTestService pam;

    @TempDir
    Path dir;

    private Daemon proxy;

    @BeforeAll
    static void startDovecot() throws Exception {
        ManageSieveProxyTest.assumeManagesieved();
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopAll() {
        try {
            if (pam != null) {
                pam.close();
            }
        } finally {
            if (dovecot != null) {
                dovecot.close();
            }
        }
    }

    @AfterEach
    void stopProxy() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private int start(Consumer<Settings> options) throws Exception {
        Settings settings = ManageSieveProxyTest.settings(dir, dovecot);
        options.accept(settings);
        LogSetup.configure(settings);
        proxy = Daemon.start(settings);
        return proxy.listenAddresses().get(0).getPort();
    }

    private static synchronized Consumer<Settings> withPam() throws Exception {
        if (pam == null) {
            pam = PamTestService.userdb(Map.of("alice", DovecotServer.USERS.get("alice"), "bob", BOB_LOCAL));
        }
        String service = pam.name();
        return s -> {
            s.authenticateIn = true;
            s.pamService = service;
        };
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("perdition.log"));
    }

    private static String authenticate(SieveClient client, String user, String password) throws IOException {
        return client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain(user, password) + "\"");
    }

    /** Logged in: a script stored through the proxy lands in {@code user}'s sieve directory at Dovecot. */
    private static void storesAScriptAs(SieveClient client, String user, String name) throws IOException {
        String body = "keep;\r\n";
        assertThat(client.command("PUTSCRIPT \"" + name + "\" {" + body.length() + "+}\r\n" + body)).startsWith("OK");
        Path stored = dovecot.dir().resolve("mail").resolve(user).resolve("sieve").resolve(name + ".sieve");
        assertThat(Files.readString(stored)).isEqualTo(body);
        assertThat(client.command("DELETESCRIPT \"" + name + "\"")).startsWith("OK");
    }

    // ---- -a (spec §3.3 step 9; perdition made every ManageSieve -a login fatal, bug B26) ----

    @Test
    void pamAcceptsTheLocalPasswordAndTheSessionReachesDovecot() throws Exception {
        int port = start(withPam());
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            assertThat(authenticate(client, "alice", "alicepw")).isEqualTo("OK \"You are so in\"");
            storesAScriptAs(client, "alice", "pam1");
        }
        assertThat(log()).contains("authentication_id=\"alice\"", "protocol=MANAGESIEVE", "status=\"ok\"");
    }

    @Test
    void pamRefusesAPasswordTheBackendWouldAcceptWithoutContactingIt() throws Exception {
        try (CountingSieveBackend backend = new CountingSieveBackend()) {
            Consumer<Settings> pamOptions = withPam();
            int port = start(s -> {
                pamOptions.accept(s);
                s.outgoingServers.clear();
                s.outgoingServers.add("127.0.0.1:" + backend.port());
            });
            try (SieveClient client = SieveClient.connect(port)) {
                client.response();
                // bobpw is bob's Dovecot password, not his PAM one: refused, and the connection goes on
                assertThat(authenticate(client, "bob", "bobpw")).isEqualTo("NO \"failed: local authentication failure\"");
                assertThat(authenticate(client, "bob", BOB_LOCAL)).isEqualTo("OK \"You are so in\"");
            }
            // one back-end connection, the accepted login's: the refused one never left the proxy
            assertThat(backend.logins()).containsExactly("AUTHENTICATE \"PLAIN\" \""
                    + SieveClient.plain("bob", BOB_LOCAL) + "\"");
        }
        assertThat(log()).contains("status=\"failed: local authentication failure\"");
    }

    // ---- -S remote_login, -U (spec §3.3 steps 5 and 13, §4.4) ----

    @Test
    void stripDomainForRemoteLoginReachesDovecotAsTheBareName() throws Exception {
        int port = start(s -> s.stripDomain.add(UserState.REMOTE_LOGIN));
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            assertThat(authenticate(client, "alice@example.org", "alicepw")).isEqualTo("OK \"You are so in\"");
            storesAScriptAs(client, "alice", "strip1");
        }
        assertThat(log()).contains("authentication_id=\"alice@example.org\"", "status=\"ok\"");
    }

    @Test
    void usernameFromDatabaseLogsInAsTheMapsUser() throws Exception {
        Path rules = Files.writeString(dir.resolve("popmap.re"),
                "^carol$: alice@127.0.0.1:" + dovecot.sievePort() + "\n");
        int port = start(s -> {
            s.outgoingServers.clear();
            s.mapLibrary = "posix_regex";
            s.mapLibraryOptions = rules.toString();
            s.pluginDirectory = Path.of("..", "plugins").toAbsolutePath();
            s.usernameFromDatabase = true;
        });
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            // carol's map entry names alice: Dovecot sees alice (with alice's password)
            assertThat(authenticate(client, "carol", "alicepw")).isEqualTo("OK \"You are so in\"");
            storesAScriptAs(client, "alice", "minusu1");
        }
        assertThat(log()).contains("authorisation_id=NONE authentication_id=\"alice\"", "status=\"ok\"");
    }

    // ---- --login_disabled (spec §3.3 step 2) ----

    @Test
    void loginDisabledRefusesEveryAuthenticateAndKeepsTheCapabilityList() throws Exception {
        int port = start(s -> s.loginDisabled = true);
        try (SieveClient client = SieveClient.connect(port)) {
            // RFC 5804 has no LOGINDISABLED; an empty SASL list is allowed only next to STARTTLS (§1.7)
            assertThat(client.response()).contains("\"SASL\" \"PLAIN\"");
            assertThat(authenticate(client, "alice", "alicepw")).isEqualTo("NO \"failed: Login Disabled\"");
            assertThat(authenticate(client, "bob", "bobpw")).isEqualTo("NO \"failed: Login Disabled\"");
            assertThat(client.command("NOOP")).isEqualTo("OK \"NOOP completed, mate\"");
        }
        assertThat(log()).contains("status=\"failed: Login Disabled\"").doesNotContain("status=\"ok\"");
    }

    /** A ManageSieve back-end that takes any PLAIN login and records each AUTHENTICATE line. */
    private static final class CountingSieveBackend implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final List<String> logins = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(this::serve, "counting-sieve-backend");

        CountingSieveBackend() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> logins() {
            return logins;
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    OutputStream out = connection.getOutputStream();
                    out.write("\"IMPLEMENTATION\" \"counting\"\r\n\"SASL\" \"PLAIN\"\r\nOK \"ready\"\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("AUTHENTICATE")) {
                            logins.add(line);
                        }
                        out.write("OK \"done\"\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (IOException e) {
                    // closed: the test is over
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
