package org.perdition.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.Daemon;
import org.perdition.config.Protocol;
import org.perdition.config.Settings;

/** The session core through the running proxy: POP3 in front, scripted back-ends behind. */
class SessionCoreTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private InetSocketAddress proxy(Consumer<Settings> options) throws Exception {
        Settings settings = new Settings();
        settings.programName = "perdition.pop3";
        settings.protocol = Protocol.POP3;
        settings.mapLibrary = "";
        settings.bindAddresses.add("127.0.0.1:0");
        settings.failureDelayMillis = 0;
        settings.logFacility = dir.resolve("perdition.log").toString();
        options.accept(settings);
        org.perdition.log.LogSetup.configure(settings);
        Daemon daemon = Daemon.start(settings);
        open.add(daemon);
        return daemon.listenAddresses().get(0);
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

    @Test
    void greetsLikePerdition() throws Exception {
        PopClient c = client(proxy(s -> { }));
        assertThat(c.read()).matches("\\+OK POP3 perditon ready on \\S+ [0-9a-f]{8}");
    }

    @Test
    void relaysAfterLoginIncludingBytesPipelinedBehindPass() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("secret"));
        PopClient c = client(proxy(s -> s.outgoingServers.add("127.0.0.1:" + b.port())));
        c.read();
        // USER, PASS and STAT in one write: STAT must reach the back-end after the login (we fix B15).
        c.send("USER bob\r\nPASS secret\r\nSTAT\r\n");
        assertThat(c.read()).isEqualTo("+OK USER bob set, mate");
        assertThat(c.read()).isEqualTo("+OK You are so in");
        assertThat(c.read()).isEqualTo("+OK echo STAT");
        assertThat(c.ask("LIST")).isEqualTo("+OK echo LIST");
        assertThat(b.received()).containsSubsequence("USER bob", "PASS secret", "STAT", "LIST");
    }

    @Test
    void failedLoginLetsTheClientTryAgainOnTheSameConnection() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("right"));
        PopClient c = client(proxy(s -> s.outgoingServers.add("127.0.0.1:" + b.port())));
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS wrong")).isEqualTo("-ERR failed: Re-Authentication Failure");
        // spec §3.3.2: back to the initial state, USER is needed again
        assertThat(c.ask("PASS right")).isEqualTo("-ERR USER not yet set, mate");
        c.ask("USER bob");
        assertThat(c.ask("PASS right")).isEqualTo("+OK You are so in");
    }

    @Test
    void serverRespLineRelaysTheBackendsOwnReply() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("right"));
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1:" + b.port());
            s.serverRespLine = true;
        }));
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS wrong")).isEqualTo("-ERR [AUTH] bad password");
        c.ask("USER bob");
        assertThat(c.ask("PASS right")).isEqualTo("+OK logged in");
    }

    @Test
    void noServerMeansCouldNotDetermineServer() throws Exception {
        PopClient c = client(proxy(s -> { }));
        assertThat(loginReply(c)).isEqualTo("-ERR failed: Could not determine server");
    }

    @Test
    void closedPortMeansCouldNotConnect() throws Exception {
        int port = freePort();
        PopClient c = client(proxy(s -> s.outgoingServers.add("127.0.0.1:" + port)));
        assertThat(loginReply(c)).isEqualTo("-ERR failed: Could not connect to server");
    }

    @Test
    void garbageGreetingIsANegotiationFailure() throws Exception {
        FakeBackend b = backend(conversation -> {
            conversation.send("220 this is SMTP\r\n");
            conversation.read();
        });
        PopClient c = client(proxy(s -> s.outgoingServers.add("127.0.0.1:" + b.port())));
        assertThat(loginReply(c)).isEqualTo("-ERR failed: Connection Negotiation Failure");
    }

    @Test
    void backendThatHangsUpDuringLoginIsANegotiationFailure() throws Exception {
        FakeBackend b = backend(conversation -> conversation.send("+OK hi\r\n"));
        PopClient c = client(proxy(s -> s.outgoingServers.add("127.0.0.1:" + b.port())));
        assertThat(loginReply(c)).isEqualTo("-ERR failed: Connection Negotiation Failure");
    }

    @Test
    void proxyingToItselfIsDetectedAsALoop() throws Exception {
        int self = freePort();
        InetSocketAddress address = proxy(s -> {
            s.bindAddresses.clear();
            s.bindAddresses.add("127.0.0.1:" + self);
            s.outgoingServers.add("127.0.0.1:" + self);
        });
        PopClient c = client(address);
        assertThat(loginReply(c)).isEqualTo("-ERR failed: Connection Negotiation Failure");
    }

    @Test
    void connectionLimitRefusesPolitelyAndKeepsServing() throws Exception {
        InetSocketAddress address = proxy(s -> s.connectionLimit = 1);
        PopClient first = client(address);
        assertThat(first.read()).startsWith("+OK POP3");
        PopClient second = client(address);
        assertThat(second.read()).isEqualTo("-ERR Too many connections, try again later");
        assertThat(second.read()).isNull();
        first.close();
        // perdition's daemon died here (bug B3); ours goes on once a slot is free
        String greeting = null;
        for (int attempt = 0; attempt < 50 && greeting == null; attempt++) {
            try (PopClient third = new PopClient(address)) {
                String line = third.read();
                if (line != null && line.startsWith("+OK POP3")) {
                    greeting = line;
                }
            }
        }
        assertThat(greeting).startsWith("+OK POP3");
    }

    @Test
    void idleClientIsDisconnectedAfterTheAuthenticateTimeout() throws Exception {
        PopClient c = client(proxy(s -> s.authenticateTimeout = 1));
        c.read();
        assertThat(c.read()).isNull();
    }

    @Test
    void logsConnectAuthAndClosingWithoutThePassword() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("s3cret"));
        PopClient c = client(proxy(s -> s.outgoingServers.add("127.0.0.1:" + b.port())));
        c.read();
        c.ask("USER bob");
        c.ask("PASS s3cret");
        assertThat(c.ask("QUIT")).isEqualTo("+OK echo QUIT");
        assertThat(c.read()).isNull();
        Path log = dir.resolve("perdition.log");
        String text = waitForLine(log, "Closing session:");
        assertThat(text).contains("Connect:  127.0.0.1:");
        assertThat(text).containsPattern("Auth: 127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:\\d+ client-secure=plaintext "
                + "authorisation_id=NONE authentication_id=\"bob\" server=\"127\\.0\\.0\\.1:" + b.port()
                + "\" protocol=POP3 server-secure=plaintext status=\"ok\"");
        assertThat(text).containsPattern("Closing session: .* authentication_id=\"bob\" received=6 sent=\\d+");
        assertThat(text).doesNotContain("s3cret");
    }

    @Test
    void manyPipelinedCommandsAreAllAnsweredWhileTheClientReadsSlowly() throws Exception {
        int commands = 100_000;
        InetSocketAddress address = proxy(s -> { });
        try (java.net.Socket socket = new java.net.Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(30_000);
            // The proxy stops reading while its replies are not drained, so the writes block: write
            // from another thread and read here.
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write("NOOP\r\n".repeat(commands).getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // the assertion below reports the shortfall
                }
            });
            writer.start();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            in.readLine();
            int answered = 0;
            while (answered < commands && "+OK NOOP".equals(in.readLine())) {
                answered++;
            }
            writer.join(30_000);
            assertThat(answered).isEqualTo(commands);
        }
    }

    @Test
    void idleRelayIsClosedAfterTheTimeout() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("pw"));
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1:" + b.port());
            s.timeout = 1;
        }));
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS pw")).isEqualTo("+OK You are so in");
        assertThat(c.read()).isNull();
        assertThat(waitForLine(dir.resolve("perdition.log"), "Timeout piping data.")).contains("Timeout piping data.");
    }

    @Test
    void connectRelogRepeatsTheAuthLineWhileRelaying() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("pw"));
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1:" + b.port());
            s.connectRelog = 1;
        }));
        c.read();
        c.ask("USER bob");
        c.ask("PASS pw");
        Path log = dir.resolve("perdition.log");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (countOf(Files.readString(log), "status=\"ok\"") < 2 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        assertThat(countOf(Files.readString(log), "status=\"ok\"")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void logPasswdFailLogsOnlyFailedPasswords() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("goodpw"));
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1:" + b.port());
            s.debug = true;
            s.logPasswd = org.perdition.config.LogPasswd.FAIL;
        }));
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS badpw")).startsWith("-ERR failed:");
        c.ask("USER bob");
        assertThat(c.ask("PASS goodpw")).isEqualTo("+OK You are so in");
        String text = waitForLine(dir.resolve("perdition.log"), "status=\"ok\"");
        assertThat(text).contains("passwd=\"badpw\"").doesNotContain("goodpw");
    }

    @Test
    void connectionLoggingDumpsTheSessionAfterLoginOnly() throws Exception {
        FakeBackend b = backend(FakeBackend.pop3Accepting("pw123"));
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1:" + b.port());
            s.debug = true;
            s.connectionLogging = true;
        }));
        c.read();
        c.ask("USER bob");
        c.ask("PASS pw123");
        assertThat(c.ask("STAT")).isEqualTo("+OK echo STAT");
        String text = waitForLine(dir.resolve("perdition.log"), "REAL: ");
        assertThat(text).contains("CLIENT: \"STAT\\x0d\\x0a\"").doesNotContain("pw123");
    }

    private static int countOf(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    /** Reads the greeting, logs in as bob with a throw-away password, returns the reply to PASS. */
    private static String loginReply(PopClient c) throws IOException {
        c.read();
        c.ask("USER bob");
        return c.ask("PASS x");
    }

    /** A port nothing listens on. */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The log is written by the event loop; wait (bounded) for the line rather than sleeping. */
    private static String waitForLine(Path log, String needle) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(needle)) {
                return text;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
        return text;
    }

    // -s and -p (spec §3.3 steps 6 and 7, §4.3)

    @Test
    void aRetryOnTheSameConnectionGoesToTheNextOutgoingServer() throws Exception {
        // Both refuse: two failed logins on one connection, whichever entry comes first.
        FakeBackend first = backend(FakeBackend.pop3Accepting("not-this"));
        FakeBackend second = backend(FakeBackend.pop3Accepting("not-this"));
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1:" + first.port());
            s.outgoingServers.add("127.0.0.1:" + second.port());
        }));
        c.read();
        for (int attempt = 0; attempt < 2; attempt++) {
            c.ask("USER bob");
            assertThat(c.ask("PASS pw")).isEqualTo("-ERR failed: Re-Authentication Failure");
        }
        // one attempt per entry: the retry moved on to the other server (spec §4.3)
        assertThat(first.received()).startsWith("USER bob", "PASS pw");
        assertThat(second.received()).startsWith("USER bob", "PASS pw");
    }

    @Test
    void anOutgoingServerWithoutAPortUsesOutgoingPort() throws Exception {
        FakeBackend backend = backend(FakeBackend.pop3Accepting("secret"));
        PopClient c = client(proxy(s -> {
            s.outgoingServers.add("127.0.0.1");
            s.outgoingPort = Integer.toString(backend.port());
        }));
        c.read();
        c.ask("USER bob");
        assertThat(c.ask("PASS secret")).isEqualTo("+OK You are so in");
        assertThat(backend.received()).startsWith("USER bob", "PASS secret");
    }
}
