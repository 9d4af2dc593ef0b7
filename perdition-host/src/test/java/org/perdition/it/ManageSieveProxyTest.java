package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;
import org.perdition.config.SslMode;
import org.perdition.log.LogSetup;

/**
 * ManageSieve end to end (spec §3.6): a raw client -> our proxy -> the private Dovecot's
 * managesieved, in clear, with client STARTTLS and with back-end STARTTLS; scripts stored through
 * the proxy must land in Dovecot's sieve directory.
 */
class ManageSieveProxyTest {

    static final Path SIEVE_LOGIN = Path.of("/usr/lib/dovecot/managesieve-login");

    @RegisterExtension
    static final DovecotBehindProxy fixture = new DovecotBehindProxy(ManageSieveProxyTest::assumeManagesieved);

    @TempDir
    Path dir;

    static void assumeManagesieved() {
        Assumptions.assumeTrue(Files.isExecutable(SIEVE_LOGIN),
                "dovecot-managesieved is not installed (" + SIEVE_LOGIN + " missing): skipping");
    }

    /** A ManageSieve proxy in front of Dovecot's sieve port, logging to a file in {@link #dir}. */
    static Settings settings(Path dir, DovecotServer dovecot) {
        Settings settings = new Settings();
        settings.protocol = Protocol.MANAGESIEVE;
        settings.bindAddresses.add("127.0.0.1:0");
        settings.mapLibrary = "";
        settings.outgoingServers.add("127.0.0.1:" + dovecot.sievePort());
        settings.failureDelayMillis = 0;
        settings.logFacility = dir.resolve("perdition.log").toString();
        settings.pidFile = "";
        settings.noDaemon = true;
        return settings;
    }

    private int start(Consumer<Settings> options) throws Exception {
        Settings settings = settings(dir, fixture.dovecot());
        options.accept(settings);
        LogSetup.configure(settings);
        return fixture.startProxy(settings);
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("perdition.log"));
    }

    private static Path script(String user, String name) {
        return fixture.dovecot().dir().resolve("mail").resolve(user).resolve("sieve").resolve(name + ".sieve");
    }

    /** Logged in: PUTSCRIPT, SETACTIVE, LISTSCRIPTS, GETSCRIPT, DELETESCRIPT go to Dovecot. */
    private static void manageScripts(SieveClient client, String user, String name) throws Exception {
        String body = "require \"fileinto\";\r\nif header :contains \"subject\" \"" + name
                + "\" { fileinto \"INBOX\"; }\r\n";
        assertThat(client.command("PUTSCRIPT \"" + name + "\" {" + body.length() + "+}\r\n" + body)).startsWith("OK");
        assertThat(Files.readString(script(user, name))).isEqualTo(body);
        assertThat(client.command("SETACTIVE \"" + name + "\"")).startsWith("OK");
        client.write("LISTSCRIPTS\r\n");
        assertThat(client.response()).contains("\"" + name + "\" ACTIVE");
        client.write("GETSCRIPT \"" + name + "\"\r\n");
        List<String> got = client.response();
        assertThat(got.get(0)).isEqualTo("{" + body.length() + "}");
        assertThat(String.join("\r\n", got.subList(1, got.size() - 1)) + "\r\n").isEqualTo(body + "\r\n");
        assertThat(client.command("SETACTIVE \"\"")).startsWith("OK");
        assertThat(client.command("DELETESCRIPT \"" + name + "\"")).startsWith("OK");
        assertThat(script(user, name)).doesNotExist();
    }

    @Test
    void plainLoginManagesScripts() throws Exception {
        int port = start(s -> { });
        try (SieveClient client = SieveClient.connect(port)) {
            List<String> greeting = client.response();
            assertThat(greeting).contains("\"IMPLEMENTATION\" \"perdition\"", "\"SASL\" \"PLAIN\"")
                    .doesNotContain("\"STARTTLS\"");
            assertThat(greeting.get(greeting.size() - 1)).startsWith("OK \"perdition ready on ");
            assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("alice", "alicepw") + "\""))
                    .isEqualTo("OK \"You are so in\"");
            // from here on Dovecot answers
            client.write("CAPABILITY\r\n");
            assertThat(client.response()).anyMatch(l -> l.startsWith("\"IMPLEMENTATION\" \"Dovecot"));
            manageScripts(client, "alice", "plain1");
            assertThat(client.command("LOGOUT")).startsWith("OK");
        }
        assertThat(log()).contains("authentication_id=\"alice\"", "protocol=MANAGESIEVE", "status=\"ok\"");
    }

    @Test
    void continuationWithALiteralResponse() throws Exception {
        int port = start(s -> { });
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            client.write("AUTHENTICATE \"PLAIN\"\r\n");
            assertThat(client.readLine()).isEqualTo("\"\"");
            String response = SieveClient.plain("bob", "bobpw");
            assertThat(client.command("{" + response.length() + "+}\r\n" + response)).isEqualTo("OK \"You are so in\"");
            assertThat(client.command("LISTSCRIPTS")).startsWith("OK");
        }
    }

    @Test
    void wrongPasswordThenRetryOnTheSameConnection() throws Exception {
        int port = start(s -> { });
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "nope") + "\""))
                    .isEqualTo("NO \"failed: Re-Authentication Failure\"");
            assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "bobpw") + "\""))
                    .isEqualTo("OK \"You are so in\"");
        }
        assertThat(log()).contains("protocol=MANAGESIEVE server-secure=plaintext "
                + "status=\"failed: Re-Authentication Failure\"");
    }

    @Test
    void minusOAndMinusORelayDovecotsLines() throws Exception {
        int port = start(s -> s.serverRespLine = true);
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            String refused = client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "nope") + "\"");
            assertThat(refused).startsWith("NO ").doesNotContain("failed:");
            String accepted = client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "bobpw") + "\"");
            assertThat(accepted).startsWith("OK").doesNotContain("You are so in");
        }
    }

    @Test
    void okLineIsQuoted() throws Exception {
        int port = start(s -> s.okLine = "in \"now\"");
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "bobpw") + "\""))
                    .isEqualTo("OK \"in \\\"now\\\"\"");
        }
    }

    @Test
    void clientStarttls() throws Exception {
        TestCertificate certificate = TestCertificate.create(dir);
        int port = start(s -> {
            s.sslMode.add(SslMode.TLS_LISTEN);
            s.sslCertFile = certificate.cert().toString();
            s.sslKeyFile = certificate.key().toString();
        });
        try (SieveClient client = SieveClient.connect(port)) {
            assertThat(client.response()).contains("\"STARTTLS\"");
            assertThat(client.command("STARTTLS")).isEqualTo("OK \"Begin TLS negotiation, mate\"");
            client.startTls();
            List<String> again = client.response();
            assertThat(again).contains("\"SASL\" \"PLAIN\"").doesNotContain("\"STARTTLS\"");
            assertThat(again.get(again.size() - 1)).isEqualTo("OK \"TLS negotiation completed, mate\"");
            assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("alice", "alicepw") + "\""))
                    .isEqualTo("OK \"You are so in\"");
            manageScripts(client, "alice", "tls1");
        }
        assertThat(log()).contains("client-secure=starttls ", "protocol=MANAGESIEVE server-secure=plaintext status=\"ok\"");
    }

    @Test
    void bytesPipelinedBehindStarttlsAreDropped() throws Exception {
        TestCertificate certificate = TestCertificate.create(dir);
        int port = start(s -> {
            s.sslMode.add(SslMode.TLS_LISTEN);
            s.sslCertFile = certificate.cert().toString();
            s.sslKeyFile = certificate.key().toString();
        });
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            // a NOOP injected in clear behind STARTTLS must not be answered inside TLS
            client.write("STARTTLS\r\nNOOP \"injected\"\r\n");
            assertThat(client.status()).isEqualTo("OK \"Begin TLS negotiation, mate\"");
            client.startTls();
            assertThat(client.status()).isEqualTo("OK \"TLS negotiation completed, mate\"");
            assertThat(client.command("NOOP \"mine\"")).isEqualTo("OK (TAG \"mine\") \"NOOP completed, mate\"");
        }
    }

    @Test
    void aBackendWithoutPlainIsSaslUnavailable() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> afterGreeting = new CompletableFuture<>();
            Thread backend = new Thread(() -> {
                try (Socket socket = fake.accept()) {
                    socket.getOutputStream().write(
                            "\"IMPLEMENTATION\" \"fake\"\r\n\"SASL\" \"LOGIN\"\r\nOK \"fake ready\"\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    // whatever the proxy sends next, or end of stream (null) when it just closes
                    afterGreeting.complete(new BufferedReader(new InputStreamReader(
                            socket.getInputStream(), StandardCharsets.US_ASCII)).readLine());
                } catch (IOException e) {
                    afterGreeting.completeExceptionally(e);
                }
            });
            backend.start();
            int port = start(s -> {
                s.outgoingServers.clear();
                s.outgoingServers.add("127.0.0.1:" + fake.getLocalPort());
            });
            try (SieveClient client = SieveClient.connect(port)) {
                client.response();
                assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "bobpw") + "\""))
                        .isEqualTo("NO \"failed: SASL mechanism unavailable\"");
            }
            // the password never went to a back-end that cannot take PLAIN; no LOGOUT either (spec §3.3 step 15)
            assertThat(afterGreeting.get(30, TimeUnit.SECONDS)).isNull();
            backend.join(30_000);
        }
        assertThat(log()).contains("protocol=MANAGESIEVE server-secure=plaintext "
                + "status=\"failed: SASL mechanism unavailable\"");
    }

    @Test
    void backendStarttls() throws Exception {
        int port = start(s -> {
            s.sslMode.add(SslMode.TLS_OUTGOING);
            s.sslMode.add(SslMode.TLS_OUTGOING_FORCE);
            s.sslCaFile = fixture.dovecot().certificate().toString();
        });
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "bobpw") + "\""))
                    .isEqualTo("OK \"You are so in\"");
            manageScripts(client, "bob", "backtls1");
        }
        assertThat(log()).contains("protocol=MANAGESIEVE server-secure=starttls status=\"ok\"");
    }

    @Test
    void aProxyThatReachesItselfDetectsTheLoop() throws Exception {
        int self = LineClient.freePort();
        int port = start(s -> {
            s.bindAddresses.clear();
            s.bindAddresses.add("127.0.0.1:" + self);
            s.outgoingServers.clear();
            s.outgoingServers.add("127.0.0.1:" + self);
        });
        try (SieveClient client = SieveClient.connect(port)) {
            client.response();
            assertThat(client.command("AUTHENTICATE \"PLAIN\" \"" + SieveClient.plain("bob", "bobpw") + "\""))
                    .isEqualTo("NO \"failed: Connection Negotiation Failure\"");
        }
    }
}
