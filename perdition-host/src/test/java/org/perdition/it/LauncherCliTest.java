package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, {@code dist/bin/perdition.*}, as a child process: startup errors and --help,
 * as an admin sees them (exit status, stderr, no port left bound).
 */
class LauncherCliTest {

    /** perdition exits 255 on usage and fatal errors (spec §7.8). */
    private static final int EXIT_FAILURE = 255;

    @TempDir
    Path tmp;

    private final List<PerditionProcess> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(PerditionProcess::close);
    }

    private PerditionProcess launch(String program, String... args) throws Exception {
        PerditionProcess p = PerditionProcess.start(program, args);
        started.add(p);
        return p;
    }

    /**
     * Runs perdition.imap4 with {@code -b 127.0.0.1:<free> -F +} before {@code badArgs}; it must
     * exit 255 with exactly one stderr line containing every {@code expected} text, and leave
     * nothing listening on the port.
     */
    private void assertStartupError(List<String> badArgs, String... expected) throws Exception {
        int port = LineClient.freePort();
        List<String> args = new ArrayList<>(List.of("-b", "127.0.0.1:" + port, "-F", "+"));
        args.addAll(badArgs);
        PerditionProcess p = launch("perdition.imap4", args.toArray(String[]::new));
        assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isEqualTo(EXIT_FAILURE);
        assertThat(p.stderrLines()).as("stderr").hasSize(1);
        assertThat(p.stderrLines().get(0)).contains(expected);
        assertThat(p.stdout()).as("stdout").isEmpty();
        assertThat(LineClient.refused("127.0.0.1", port)).as("nothing listens on %d", port).isTrue();
    }

    @Test
    void unknownOptionIsNamed() throws Exception {
        assertStartupError(List.of("--frobnicate"), "--frobnicate");
    }

    @Test
    void badNumberNamesTheOptionAndTheValue() throws Exception {
        assertStartupError(List.of("-t", "abc"), "--timeout", "abc");
    }

    @Test
    void badLogPasswdValueIsNamed() throws Exception {
        assertStartupError(List.of("--log_passwd", "sometimes"), "--log_passwd", "sometimes");
    }

    @Test
    void trailingArgumentIsRefused() throws Exception {
        assertStartupError(List.of("--failure_delay", "0", "stray"), "stray");
    }

    @Test
    void unknownConfigKeyNamesFileAndLine() throws Exception {
        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "# a comment\nfailure_delay 0\nfrobnicate yes\n");
        assertStartupError(List.of("-f", conf.toString()), conf + ":3", "frobnicate");
    }

    @Test
    void unloadableCertificateStopsStartupWithOneLineNamingTheFile() throws Exception {
        Path missing = tmp.resolve("missing.crt.pem");
        int port = LineClient.freePort();
        PerditionProcess p = launch("perdition.imap4", "-b", "127.0.0.1:" + port, "-F", "+", "-M", "",
                "--ssl_mode", "tls_listen", "--ssl_cert_file", missing.toString());
        assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isEqualTo(EXIT_FAILURE);
        // Start-up notes may precede it; the error itself is one line, written once.
        assertThat(p.stderrLines()).filteredOn(line -> line.contains(missing.toString())).hasSize(1);
        assertThat(LineClient.refused("127.0.0.1", port)).as("nothing listens on %d", port).isTrue();
    }

    @Test
    void helpExitsZeroAndListsTheOptions() throws Exception {
        PerditionProcess p = launch("perdition.imap4", "--help");
        assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isZero();
        assertThat(p.stdout()).startsWith("Usage: ")
                .contains("--bind_address", "--connection_limit", "--log_passwd", "--failure_delay",
                        "--map_library_opt", "--outgoing_server", "--ssl_mode", "--no_daemon", "--help");
        assertThat(p.stderr()).isEmpty();
    }

    /**
     * The installed layout, lib/* on the class path, without PERDITION_CLASSPATH: only when
     * {@code mvn package} has filled dist/lib (in {@code mvn verify} the dist module comes after
     * these tests).
     */
    @Test
    void installedLayoutRunsFromDistLib() throws Exception {
        Path lib = PerditionProcess.checkoutRoot().resolve("dist/lib");
        boolean packaged;
        try (var jars = Files.list(lib)) {
            packaged = jars.anyMatch(j -> j.getFileName().toString().startsWith("perdition-host"));
        } catch (java.io.IOException noLib) {
            packaged = false;
        }
        Assumptions.assumeTrue(packaged, "dist/lib has no perdition-host jar yet (run mvn package): skipping");
        PerditionProcess p = PerditionProcess.start("perdition.pop3", false, "--help");
        started.add(p);
        assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isZero();
        assertThat(p.stdout()).startsWith("Usage: ").contains("--bind_address");
    }
}
