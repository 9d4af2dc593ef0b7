package org.perdition.plugin.sql;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MariaDB or PostgreSQL server for tests: its own temp directory, a random 127.0.0.1
 * port, stopped by {@link #close()} and by a shutdown hook. Recipes of test-servers.md §2 and §3
 * without TLS. postgres refuses to run as root, so as root it runs as the {@code postgres} user via
 * setpriv. A test source of the SQL plugin modules and of perdition-host (build-helper add-test-source).
 */
public final class SqlServer implements AutoCloseable {

    public enum Kind { MARIADB, POSTGRESQL }

    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    private static final String PG_BIN = "/usr/lib/postgresql/15/bin";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Kind kind;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook = new Thread(this::kill);
    private Process process;

    private SqlServer(Kind kind, Path dir, int port) {
        this.kind = kind;
        this.dir = dir;
        this.port = port;
    }

    /** Whether the server binaries are installed (tests skip otherwise). */
    public static boolean installed(Kind kind) {
        return kind == Kind.MARIADB
                ? Files.isExecutable(Path.of("/usr/sbin/mariadbd")) && Files.isExecutable(Path.of("/usr/bin/mariadb"))
                : Files.isExecutable(Path.of(PG_BIN, "postgres")) && Files.isExecutable(Path.of("/usr/bin/psql"));
    }

    public static SqlServer start(Kind kind) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(kind == Kind.MARIADB ? "mariadb" : "postgres");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        SqlServer server = new SqlServer(kind, dir, port);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.initialise();
            server.launch();
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    private void initialise() throws IOException, InterruptedException {
        if (kind == Kind.MARIADB) {
            run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=" + user(),
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"), null);
        } else {
            Files.writeString(dir.resolve("pwfile"), "postgres\n");
            if (ROOT) {
                chownTree("postgres");
            }
            run(asPostgres(List.of(PG_BIN + "/initdb", "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "--pwfile=" + dir.resolve("pwfile"), "--auth-local=trust", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")), null);
        }
    }

    /** Starts the daemon (again, after {@link #stop()}) on the same data and port and waits until it answers. */
    public void launch() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = kind == Kind.MARIADB
                ? List.of("mariadbd", "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=" + user(),
                        "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + dir.resolve("mysql.sock"),
                        "--pid-file=" + dir.resolve("mariadbd.pid"), "--log-error=" + dir.resolve("error.log"),
                        "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=16M",
                        "--innodb-log-file-size=8M", "--skip-innodb-doublewrite")
                : asPostgres(List.of(PG_BIN + "/postgres", "-D", dir.resolve("data").toString(), "-p", "" + port,
                        "-c", "listen_addresses=127.0.0.1", "-k", dir.toString(), "-c", "fsync=off",
                        "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "shared_buffers=16MB",
                        "-c", "max_connections=20"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile())).start();
        List<String> probe = kind == Kind.MARIADB
                ? List.of("mariadb-admin", "--no-defaults", "-h127.0.0.1", "-P" + port, "-uroot", "ping")
                : List.of("pg_isready", "-q", "-h", "127.0.0.1", "-p", "" + port);
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(kind + " exited with " + process.exitValue() + ":\n" + log());
            }
            Process ping = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (ping.waitFor(10, TimeUnit.SECONDS) && ping.exitValue() == 0) {
                return;
            }
            // waiting on the daemon doubles as the poll interval and notices an early exit
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new IOException(kind + " not ready on port " + port + " within " + READY_DEADLINE + ":\n" + log());
    }

    /** Runs SQL as the superuser (psql meta-commands such as {@code \c db} work for PostgreSQL). */
    public void execute(String sql) throws IOException, InterruptedException {
        List<String> client = kind == Kind.MARIADB
                ? List.of("mariadb", "--no-defaults", "-h127.0.0.1", "-P" + port, "-uroot",
                        "--default-character-set=utf8mb4")
                : List.of("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", dir.toString(), "-p", "" + port,
                        "-U", "postgres", "-d", "postgres");
        run(client, sql);
    }

    /** Stops the daemon, keeping its data; PostgreSQL gets a fast shutdown (SIGINT) so open clients do not hold it. */
    public void stop() throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (kind == Kind.POSTGRESQL) {
            new ProcessBuilder("kill", "-INT", "" + process.pid()).start().waitFor(10, TimeUnit.SECONDS);
        } else {
            process.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends {@code signal} (STOP, CONT) to the daemon and its children: PostgreSQL serves each
     * connection from a forked backend, so freezing the postmaster alone would leave kept connections
     * answering. The lookup contract's "slow server" is a frozen one.
     */
    public void signal(String signal) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
        process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private List<String> asPostgres(List<String> command) {
        if (!ROOT) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres",
                "--init-groups", "env", "HOME=" + dir));
        all.addAll(command);
        return all;
    }

    private void run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private void chownTree(String owner) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = users.lookupPrincipalByGroupName(owner);
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName(owner));
                view.setGroup(group);
            }
        }
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private String log() {
        try {
            String out = Files.readString(dir.resolve("out.log"));
            Path error = dir.resolve("error.log");
            return Files.exists(error) ? out + Files.readString(error) : out;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
