package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, {@code dist/bin/perdition.*}, as a child process in front of a private
 * Dovecot: the README's commands, Debian's configuration, signals, several listen addresses and
 * the connection limit, with Angus Mail or raw lines as the client.
 */
class LauncherMailTest {

    private static final Duration POLL_DEADLINE = Duration.ofSeconds(30);
    private static final Path DEBIAN_CONF = Path.of("/etc/perdition/perdition.conf");
    private static final Path DEBIAN_POPMAP = Path.of("/etc/perdition/popmap.re");
    private static final String DEBIAN_REGEX_LIBRARY = "/usr/lib/x86_64-linux-gnu/libperditiondb_posix_regex.so.0";

    private static DovecotServer dovecot;

    @TempDir
    Path tmp;

    private final List<PerditionProcess> started = new ArrayList<>();

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopPerdition() {
        started.forEach(PerditionProcess::close);
    }

    /** Starts the launcher and waits for its "Listening on" log line (needs -F +). */
    private PerditionProcess listening(String program, String... args) throws Exception {
        PerditionProcess p = PerditionProcess.start(program, args);
        started.add(p);
        p.awaitListening();
        return p;
    }

    /** An empty config file: -f with it keeps /etc/perdition out of tests that are not about it. */
    private String emptyConfig() throws IOException {
        Path conf = tmp.resolve("empty.conf");
        Files.writeString(conf, "# nothing: options come from the command line\n");
        return conf.toString();
    }

    @Test
    void readmeImapCommandServesDovecotMailUnchanged() throws Exception {
        int port = LineClient.freePort();
        // The README's command; -l and -p (command line beats the file) keep it off fixed ports.
        listening("perdition.imap4", "-f", "dist/etc/perdition/perdition.conf",
                "-l", Integer.toString(port), "-p", Integer.toString(dovecot.imapPort()), "--failure_delay", "0");
        try (LineClient raw = LineClient.connect("127.0.0.1", port)) {
            assertThat(raw.readLine()).startsWith("* OK ");
        }
        Map<String, byte[]> direct = MailClient.imap(dovecot.imapPort()).readInbox("alice", "alicepw");
        Map<String, byte[]> proxied = MailClient.imap(port).readInbox("alice", "alicepw");
        assertSameMessages(proxied, direct);
    }

    @Test
    void readmePop3CommandServesDovecotMailUnchanged() throws Exception {
        int port = LineClient.freePort();
        listening("perdition.pop3", "-f", "dist/etc/perdition/perdition.conf",
                "-l", Integer.toString(port), "-p", Integer.toString(dovecot.pop3Port()), "--failure_delay", "0");
        // the protocol comes from the launcher's name (spec: argv[0]); perdition's own typo kept
        try (LineClient raw = LineClient.connect("127.0.0.1", port)) {
            assertThat(raw.readLine()).startsWith("+OK POP3 perditon ready on");
        }
        Map<String, byte[]> direct = MailClient.pop3(dovecot.pop3Port()).readInbox("bob", "bobpw");
        Map<String, byte[]> proxied = MailClient.pop3(port).readInbox("bob", "bobpw");
        assertSameMessages(proxied, direct);
    }

    /** The "done when": Debian's perdition.conf unchanged, its popmap.re plus one rule. */
    @Test
    void debianConfigurationWithOneAddedPopmapRule() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(DEBIAN_CONF),
                DEBIAN_CONF + " missing (Debian package perdition not installed): skipping");
        Path conf = Files.copy(DEBIAN_CONF, tmp.resolve("perdition.conf"));
        Path popmap = tmp.resolve("popmap.re");
        String rules = Files.isReadable(DEBIAN_POPMAP) ? Files.readString(DEBIAN_POPMAP) : "";
        Files.writeString(popmap, rules + "^(.*)$: 127.0.0.1:" + dovecot.imapPort() + "\n");
        int port = LineClient.freePort();
        listening("perdition.imap4", "-f", conf.toString(), "-M", DEBIAN_REGEX_LIBRARY,
                "-m", popmap.toString(), "-b", "127.0.0.1:" + port, "-F", "+");
        Map<String, byte[]> direct = MailClient.imap(dovecot.imapPort()).readInbox("alice", "alicepw");
        Map<String, byte[]> proxied = MailClient.imap(port).readInbox("alice", "alicepw");
        assertSameMessages(proxied, direct);
    }

    @Test
    void sighupRereadsThePopmap() throws Exception {
        Path popmap = tmp.resolve("popmap.re");
        int closedPort = LineClient.freePort();
        Files.writeString(popmap, "^(.*)$: 127.0.0.1:" + closedPort + "\n");
        int port = LineClient.freePort();
        PerditionProcess.readableAfterPrivilegeDrop(tmp);   // SIGHUP re-reads it as nobody
        PerditionProcess p = listening("perdition.imap4", "-f", emptyConfig(), "-M", "posix_regex",
                "-m", popmap.toString(), "-b", "127.0.0.1:" + port, "-F", "+", "--failure_delay", "0");

        assertThat(imapLogin(port)).isEqualTo("a NO failed: Could not connect to server");

        Files.writeString(popmap, "^(.*)$: 127.0.0.1:" + dovecot.imapPort() + "\n");
        p.signal("HUP");
        String reply = imapLogin(port);
        for (Instant deadline = Instant.now().plus(POLL_DEADLINE);
                !reply.startsWith("a OK") && Instant.now().isBefore(deadline); ) {
            reply = imapLogin(port);   // the reload runs on the signal thread: poll until it took effect
        }
        assertThat(reply).as("login after SIGHUP; stderr:%n%s", p.stderr()).startsWith("a OK");
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void sigtermExitsZeroAndReleasesThePort() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = listening("perdition.pop3", "-f", emptyConfig(), "-M", "",
                "-s", "127.0.0.1:" + dovecot.pop3Port(), "-b", "127.0.0.1:" + port, "-F", "+");
        try (LineClient raw = LineClient.connect("127.0.0.1", port)) {
            assertThat(raw.readLine()).startsWith("+OK ");
        }
        p.signal("TERM");
        assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isZero();
        assertThat(LineClient.refused("127.0.0.1", port)).as("port %d released", port).isTrue();
    }

    @Test
    void everyBindAddressAcceptsAndGreets() throws Exception {
        int first = LineClient.freePort();
        int second = LineClient.freePort();
        // ::1 when the host has it; otherwise a second IPv4 port still checks the list handling
        boolean ipv6 = LineClient.hasIpv6Loopback();
        String secondHost = ipv6 ? "::1" : "127.0.0.1";
        String secondEntry = ipv6 ? "[::1]:" + second : "127.0.0.1:" + second;
        listening("perdition.imap4", "-f", emptyConfig(), "-M", "", "-s", "127.0.0.1:" + dovecot.imapPort(),
                "-b", "127.0.0.1:" + first + "," + secondEntry, "-F", "+");
        for (var address : List.of(Map.entry("127.0.0.1", first), Map.entry(secondHost, second))) {
            try (LineClient client = LineClient.connect(address.getKey(), address.getValue())) {
                assertThat(client.readLine()).startsWith("* OK ");
                assertThat(client.send("a LOGIN alice alicepw")).startsWith("a OK");
            }
        }
    }

    @Test
    void connectionLimitRefusesTheSecondAndServesAgainAfterTheFirstCloses() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = listening("perdition.imap4", "-f", emptyConfig(), "-M", "",
                "-s", "127.0.0.1:" + dovecot.imapPort(), "-b", "127.0.0.1:" + port, "-F", "+",
                "--connection_limit", "1");
        try (LineClient first = LineClient.connect("127.0.0.1", port)) {
            assertThat(first.readLine()).startsWith("* OK ");
            try (LineClient second = LineClient.connect("127.0.0.1", port)) {
                assertThat(second.readLine()).isEqualTo("* BYE Too many connections, try again later");
                assertThat(second.readLine()).as("closed after the refusal").isNull();
            }
        }
        assertThat(p.isAlive()).isTrue();
        // the first connection's slot is freed when perdition sees it close: poll for a greeting
        String greeting = greetingAt(port);
        for (Instant deadline = Instant.now().plus(POLL_DEADLINE);
                !greeting.startsWith("* OK ") && Instant.now().isBefore(deadline); ) {
            greeting = greetingAt(port);
        }
        assertThat(greeting).startsWith("* OK ");
    }

    /** One IMAP LOGIN as alice on a fresh connection; the tagged reply line. */
    private static String imapLogin(int port) throws IOException {
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).startsWith("* OK ");
            return client.send("a LOGIN alice alicepw");
        }
    }

    private static String greetingAt(int port) throws IOException {
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            String line = client.readLine();
            return line == null ? "" : line;
        }
    }

    private static void assertSameMessages(Map<String, byte[]> proxied, Map<String, byte[]> direct) {
        assertThat(direct).isNotEmpty();
        assertThat(proxied.keySet()).containsExactlyElementsOf(direct.keySet());
        for (Map.Entry<String, byte[]> expected : direct.entrySet()) {
            byte[] got = proxied.get(expected.getKey());
            // lengths first: an AssertJ diff of two 10 MiB arrays is unreadable
            assertThat(got.length).as("size of %s", expected.getKey()).isEqualTo(expected.getValue().length);
            assertThat(got).as("bytes of %s", expected.getKey()).isEqualTo(expected.getValue());
        }
    }
}
