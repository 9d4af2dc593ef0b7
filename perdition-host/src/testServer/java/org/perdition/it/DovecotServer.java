package org.perdition.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Dovecot (IMAP, POP3 and, when installed, ManageSieve; plain + STARTTLS and implicit
 * TLS) for tests: one temp directory, random loopback ports, a throwaway self-signed
 * certificate, users from a passwd-file and Maildirs filled by {@link TestMessages}.
 *
 * <p>Nothing outside the directory is touched, so it runs beside a system Dovecot. Use in
 * try-with-resources or close it in an {@code @AfterAll}; close() stops the whole process tree
 * and deletes the directory.
 *
 * <p>In {@code src/testServer} (with the classes it needs) because the benchmark module uses it as a
 * source too (build-helper); the host's tests see it as a test source.
 */
public final class DovecotServer implements AutoCloseable {

    public static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);  // loaded 2-core CI: up to ~10 s seen

    /** User name to password. carol's password needs IMAP quoting: space, quote and backslash. */
    public static final Map<String, String> USERS = Map.of(
            "alice", "alicepw",
            "bob", "bobpw",
            "carol", "pa ss\"w\\rd");

    private final Path dir;
    private final DovecotPorts ports;
    private final Map<String, List<TestMessage>> mailboxes;
    private final Process process;
    private final Thread shutdownHook;

    private DovecotServer(Path dir, DovecotPorts ports, Map<String, List<TestMessage>> mailboxes,
                          Process process) {
        this.dir = dir;
        this.ports = ports;
        this.mailboxes = mailboxes;
        this.process = process;
        this.shutdownHook = new Thread(this::stopProcessTree, "dovecot-fixture-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Dovecot and returns once the IMAP listener greets with {@code * OK}. Skips the
     * calling test (JUnit assumption) when Dovecot or openssl is not installed.
     */
    public static DovecotServer start() throws IOException, InterruptedException {
        return start("");
    }

    /**
     * As {@link #start()}, with {@code extraConfig} appended to the generated dovecot.conf (later
     * settings win): the benchmark raises Dovecot's connection and process limits this way.
     */
    public static DovecotServer start(String extraConfig) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(DOVECOT),
                "Dovecot is not installed (" + DOVECOT + " missing): skipping. "
                + "Install the test servers with .ci/install-test-deps (dovecot-imapd dovecot-pop3d).");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
                "openssl is not installed (/usr/bin/openssl missing): skipping the Dovecot tests.");
        Path dir = Files.createTempDirectory("dovecot-fixture");
        try {
            DovecotPorts ports = DovecotPorts.pickFree();
            Map<String, List<TestMessage>> mailboxes = new DovecotDirectory(dir, ports).populate();
            Files.writeString(dir.resolve("dovecot.conf"), extraConfig, StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c",
                    dir.resolve("dovecot.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile())
                    .start();
            DovecotServer server = new DovecotServer(dir, ports, mailboxes, process);
            try {
                server.awaitGreeting();
            } catch (IOException | InterruptedException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            FileTrees.deleteQuietly(dir);
            throw e;
        }
    }

    public int imapPort() {
        return ports.imap();
    }

    public int imapsPort() {
        return ports.imaps();
    }

    public int pop3Port() {
        return ports.pop3();
    }

    public int pop3sPort() {
        return ports.pop3s();
    }

    /** ManageSieve port (plain + STARTTLS); only listening when dovecot-managesieved is installed. */
    public int sievePort() {
        return ports.sieve();
    }

    public int sievesPort() {
        return ports.sieves();
    }

    public Path dir() {
        return dir;
    }

    /** The master's pid: the root of the process tree whose CPU and memory are Dovecot's. */
    public long pid() {
        return process.pid();
    }

    /** The self-signed certificate every TLS listener presents (CN=localhost, SAN 127.0.0.1). */
    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    public String password(String user) {
        return USERS.get(user);
    }

    /** The INBOX of {@code user}, exactly as written to the Maildir, in INBOX order. */
    public List<TestMessage> messages(String user) {
        return mailboxes.get(user);
    }

    /** The message of {@code user} with this Message-ID header value. */
    public TestMessage message(String user, String messageId) {
        return messages(user).stream()
                .filter(m -> m.messageId().equals(messageId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message " + messageId + " for " + user));
    }

    /** Dovecot's own log plus its stdout/stderr, for failure messages. */
    public String log() {
        return FileTrees.readQuietly(dir.resolve("dovecot.log")) + FileTrees.readQuietly(dir.resolve("out.log"));
    }

    @Override
    public void close() {
        stopProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: nothing left to unregister
        }
        FileTrees.deleteQuietly(dir);
    }

    /** SIGTERM to the master (it stops its children); anything left over is killed. */
    private void stopProcessTree() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(15, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Polls the IMAP port until the greeting arrives; fails early if the master died. */
    private void awaitGreeting() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        String lastProblem = "no attempt";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("dovecot exited with status " + process.exitValue()
                        + " before it was ready:\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", ports.imap()), 1000);
                socket.setSoTimeout(5000);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1)).readLine();
                if (greeting != null && greeting.startsWith("* OK")) {
                    return;
                }
                lastProblem = "greeting " + greeting;
            } catch (IOException e) {
                lastProblem = e.toString();
            }
            // waiting on the process doubles as the poll interval and notices an early exit
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IOException("dovecot did not greet on 127.0.0.1:" + ports.imap() + " within "
                + READY_DEADLINE + " (" + lastProblem + "):\n" + log());
    }
}
