package org.perdition.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PAM service for tests: /etc/pam.d/perdition-test-RANDOM using pam_userdb.so with a
 * Berkeley DB hash of test users (made by db_load, db-util), so no system account is touched.
 * Tests that need one are skipped (JUnit assumption) unless running as root with /etc/pam.d
 * writable, db_load installed and pam_userdb.so present (libpam-modules). Every file is removed
 * by {@link #close()} and, should the JVM end first, by a shutdown hook.
 */
public final class PamTestService implements AutoCloseable {

    private static final Path PAM_D = Path.of("/etc/pam.d");
    private static final Path DB_LOAD = Path.of("/usr/bin/db_load");
    private static final List<Path> MODULE_DIRS = List.of(Path.of("/lib/x86_64-linux-gnu/security"),
            Path.of("/usr/lib/x86_64-linux-gnu/security"), Path.of("/lib/aarch64-linux-gnu/security"),
            Path.of("/usr/lib/aarch64-linux-gnu/security"), Path.of("/lib/security"), Path.of("/lib64/security"));

    private final String name;
    private final Path serviceFile;
    private final Path dir;
    private final Thread hook;

    private PamTestService(String name, Path serviceFile, Path dir) {
        this.name = name;
        this.serviceFile = serviceFile;
        this.dir = dir;
        this.hook = new Thread(this::deleteFiles, "pam-test-service-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A pam_userdb service whose users and passwords are {@code users} (byte strings, ISO-8859-1). */
    public static PamTestService userdb(Map<String, String> users) throws IOException, InterruptedException {
        assumeUsable();
        Path dir = Files.createTempDirectory("perdition-pam-");
        StringBuilder pairs = new StringBuilder();
        users.forEach((user, password) -> pairs.append(user).append('\n').append(password).append('\n'));
        Path input = dir.resolve("users.txt");
        Files.writeString(input, pairs, StandardCharsets.ISO_8859_1);
        Process load = new ProcessBuilder(DB_LOAD.toString(), "-T", "-t", "hash", "-f", input.toString(),
                dir.resolve("users.db").toString()).redirectErrorStream(true).start();
        String output = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!load.waitFor(30, TimeUnit.SECONDS) || load.exitValue() != 0) {
            throw new IOException("db_load failed: " + output);
        }
        Files.delete(input);
        // pam_userdb appends ".db" itself (pam_userdb(8)).
        String db = dir.resolve("users").toString();
        return write("auth     required  pam_userdb.so db=" + db + "\n"
                + "account  required  pam_userdb.so db=" + db + "\n", dir);
    }

    /** A copy of the service file {@code file} (the one we ship, for instance). */
    public static PamTestService copyOf(Path file) throws IOException {
        assumeUsable();
        return write(Files.readString(file, StandardCharsets.US_ASCII), Files.createTempDirectory("perdition-pam-"));
    }

    /** A service like Debian's /etc/pam.d/perdition: a module path that does not exist. */
    public static PamTestService missingModule() throws IOException {
        assumeUsable();
        return write("auth     required  /lib/security/pam_unix.so\n"
                + "account  required  /lib/security/pam_unix.so\n", Files.createTempDirectory("perdition-pam-"));
    }

    private static PamTestService write(String stack, Path dir) throws IOException {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String name = "perdition-test-" + HexFormat.of().formatHex(random);
        Path file = PAM_D.resolve(name);
        PamTestService service = new PamTestService(name, file, dir);
        Files.writeString(file, "# temporary, written by perdition's tests (PamTestService); removed when they end\n"
                + stack, StandardCharsets.US_ASCII);
        return service;
    }

    /** Skips the calling test unless a real PAM stack can be set up here. */
    public static void assumeUsable() {
        Assumptions.assumeTrue(isRoot() && Files.isWritable(PAM_D),
                "PAM tests need root and a writable /etc/pam.d: skipping");
        Assumptions.assumeTrue(Files.isExecutable(DB_LOAD), "db_load (db-util) is not installed: skipping");
        Assumptions.assumeTrue(MODULE_DIRS.stream().anyMatch(d -> Files.exists(d.resolve("pam_userdb.so"))),
                "pam_userdb.so (libpam-modules) is not installed: skipping");
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The service name, for {@code --pam_service}. */
    public String name() {
        return name;
    }

    public Path serviceFile() {
        return serviceFile;
    }

    @Override
    public void close() {
        deleteFiles();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }

    private void deleteFiles() {
        try {
            Files.deleteIfExists(serviceFile);
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            System.err.println("PamTestService: could not remove " + serviceFile + " or " + dir + ": " + e);
        }
    }
}
