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
import java.util.concurrent.TimeUnit;

/**
 * The tests' private Dovecot ({@link DovecotDirectory}: same users, same Maildirs, the 10 MiB
 * message 4 of {@link TestMessages} in every INBOX) with the limits a load test needs appended to
 * its dovecot.conf: the defaults (10 connections per user and IP, 100 login processes, one process
 * per pre-login connection) would make Dovecot, not the proxy, the bottleneck of the side-by-side
 * benchmark. "Performance mode" login processes (service_count = 0) serve many connections each.
 *
 * <p>In the benchmark module, in the fixture's package (its helpers are package-private), so the
 * host's test fixture stays as it is.
 */
public final class BenchDovecot implements AutoCloseable {

    private static final String LIMITS = """
            mail_max_userip_connections = 100000
            default_process_limit = 15000
            default_client_limit = 15000
            default_vsz_limit = 0
            service imap-login {
              service_count = 0
              process_min_avail = 2
              client_limit = 15000
            }
            service pop3-login {
              service_count = 0
              process_min_avail = 2
              client_limit = 15000
            }
            service imap {
              process_limit = 15000
            }
            service pop3 {
              process_limit = 15000
            }
            service anvil {
              client_limit = 30000
            }
            protocol imap {
              mail_max_userip_connections = 100000
            }
            protocol pop3 {
              mail_max_userip_connections = 100000
            }
            """;

    private final Path dir;
    private final DovecotPorts ports;
    private final Process process;

    private BenchDovecot(Path dir, DovecotPorts ports, Process process) {
        this.dir = dir;
        this.ports = ports;
        this.process = process;
    }

    /** Writes the fixture, appends the limits, starts {@code dovecot -F} and waits for the IMAP greeting. */
    public static BenchDovecot start() throws IOException, InterruptedException {
        if (!Files.isExecutable(DovecotServer.DOVECOT)) {
            throw new IOException("Dovecot is not installed (" + DovecotServer.DOVECOT + "): .ci/install-test-deps");
        }
        Path dir = Files.createTempDirectory("bench-dovecot");
        DovecotPorts ports = DovecotPorts.pickFree();
        new DovecotDirectory(dir, ports).populate();
        Files.writeString(dir.resolve("dovecot.conf"), LIMITS, StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(DovecotServer.DOVECOT.toString(), "-F", "-c",
                dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        BenchDovecot server = new BenchDovecot(dir, ports, process);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }));
        try {
            server.awaitGreeting();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
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

    /** The master's pid: the root of the process tree whose CPU and memory are Dovecot's. */
    public long pid() {
        return process.pid();
    }

    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    public Path key() {
        return dir.resolve("key.pem");
    }

    private void awaitGreeting() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("dovecot exited:\n" + FileTrees.readQuietly(dir.resolve("out.log"))
                        + FileTrees.readQuietly(dir.resolve("dovecot.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", ports.imap()), 1000);
                socket.setSoTimeout(5000);
                String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1)).readLine();
                if (greeting != null && greeting.startsWith("* OK")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new IOException("dovecot did not greet within 60 s");
    }

    @Override
    public void close() {
        var children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        FileTrees.deleteQuietly(dir);
    }
}
