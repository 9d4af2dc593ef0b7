package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perdition.log.UnixDatagramListener;

/**
 * Running as a service (issue 7), through the real launcher in front of a private Dovecot: syslog to a
 * unix datagram socket, SIGHUP with a rotated log file, SIGTERM's drain, the pid file, daemon mode.
 */
class ServiceLauncherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int EXIT_FAILURE = 255;

    private static DovecotServer dovecot;

    @TempDir
    Path tmp;

    private final List<PerditionProcess> started = new ArrayList<>();

    /**
     * Started as root the proxy drops to nobody after binding (-u's default), and must still remove its
     * pid file and create a new log file here after SIGHUP, as it can in /var/run/<program>/ (which it
     * creates for the run user) and a log directory of the run user. JUnit's temp dir is root's, 0700.
     */
    @BeforeEach
    void tempDirUsableAfterThePrivilegeDrop() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    private final List<Long> daemons = new ArrayList<>();

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
        daemons.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private String emptyConfig() throws IOException {
        return Files.writeString(tmp.resolve("empty.conf"), "# options come from the command line\n").toString();
    }

    private PerditionProcess launch(String program, String... args) throws IOException {
        PerditionProcess p = PerditionProcess.start(program, args);
        started.add(p);
        return p;
    }

    /** An IMAP proxy in the foreground, logging to stderr, to Dovecot; waits until it listens. */
    private PerditionProcess imapProxy(int port, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("-f", emptyConfig(), "-M", "", "-s",
                "127.0.0.1:" + dovecot.imapPort(), "-b", "127.0.0.1:" + port, "-F", "+", "--failure_delay", "0"));
        args.addAll(List.of(more));
        PerditionProcess p = launch("perdition.imap4", args.toArray(String[]::new));
        p.awaitListening();
        return p;
    }

    @Test
    void syslogFacilityGetsRfc3164LinesForARealLogin() throws Exception {
        try (UnixDatagramListener syslog = UnixDatagramListener.bind(tmp.resolve("log"))) {
            int port = LineClient.freePort();
            PerditionProcess p = PerditionProcess.startWithJavaOpts("perdition.imap4",
                    "-Dperdition.syslog.socket=" + syslog.path(), "-f", emptyConfig(), "-M", "",
                    "-s", "127.0.0.1:" + dovecot.imapPort(), "-b", "127.0.0.1:" + port, "-F", "local3",
                    "--no_daemon", "--failure_delay", "0");
            started.add(p);
            String prefix = "[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d perdition\\.imap4\\[" + p.pid() + "\\]: ";
            assertThat(syslog.await(l -> l.contains("Listening on"), "Listening line"))
                    .matches("<158>" + prefix + "Listening on .*");   // local3 (19) * 8 + info (6)
            assertThat(imapLogin(port)).startsWith("a OK");
            assertThat(syslog.await(l -> l.contains("Auth:"), "Auth line"))
                    .matches("<157>" + prefix + "Auth: 127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:" + port
                            + " client-secure=plaintext authorisation_id=NONE authentication_id=\"alice\" server=\"127"
                            + "\\.0\\.0\\.1:" + dovecot.imapPort() + "\" protocol=IMAP4 server-secure=plaintext"
                            + " status=\"ok\"");
            assertThat(p.stderr()).as("nothing on stderr while syslog works").isEmpty();
            p.signal("TERM");
            assertThat(p.awaitExit()).isZero();
            assertThat(syslog.await(l -> l.contains("Exiting on signal 15"), "exit line")).startsWith("<158>");
        }
    }

    @Test
    void noSyslogSocketFallsBackToStderrAndSaysSoOnce() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = PerditionProcess.startWithJavaOpts("perdition.imap4",
                "-Dperdition.syslog.socket=" + tmp.resolve("no-syslog-here"), "-f", emptyConfig(), "-M", "",
                "-s", "127.0.0.1:" + dovecot.imapPort(), "-b", "127.0.0.1:" + port, "--no_daemon",
                "--failure_delay", "0");   // -F defaults to syslog facility mail
        started.add(p);
        p.awaitListening();
        assertThat(p.stderrLines()).filteredOn(l -> l.contains("Cannot log to syslog facility mail")).hasSize(1);
        assertThat(imapLogin(port)).startsWith("a OK");
        p.awaitStderr("status=\"ok\"");
    }

    /** logrotate moves the file, SIGHUP: the next lines go to a new file at the path; the popmap is re-read. */
    @Test
    void sighupReopensAMovedLogFileAndRereadsThePopmap() throws Exception {
        Path log = tmp.resolve("perdition.log");
        Path popmap = tmp.resolve("popmap.re");
        Files.writeString(popmap, "^(.*)$: 127.0.0.1:" + LineClient.freePort() + "\n");   // nothing there
        int port = LineClient.freePort();
        PerditionProcess p = launch("perdition.imap4", "-f", emptyConfig(), "-M", "posix_regex", "-m",
                popmap.toString(), "-b", "127.0.0.1:" + port, "-F", log.toString(), "--no_daemon",
                "--failure_delay", "0");
        await(() -> read(log).contains("Listening on"), "Listening line in " + log, p);
        assertThat(imapLogin(port)).isEqualTo("a NO failed: Could not connect to server");

        Path rotated = Files.move(log, tmp.resolve("perdition.log.1"));
        Files.writeString(popmap, "^(.*)$: 127.0.0.1:" + dovecot.imapPort() + "\n");
        p.signal("HUP");
        await(() -> read(log).contains("Reopened logger"), "Reopened logger in a new " + log, p);
        await(() -> read(log).contains("Reloading map library"), "popmap reloaded", p);
        assertThat(imapLogin(port)).startsWith("a OK");
        await(() -> read(log).contains("status=\"ok\""), "the next Auth line in the new file", p);
        assertThat(read(rotated)).contains("status=\"failed: Could not connect to server\"")
                .doesNotContain("Reopened logger").doesNotContain("status=\"ok\"");
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void sigtermRefusesNewConnectionsLetsTheOpenSessionFinishThenExitsZero() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = imapProxy(port, "--shutdown_grace", "600");
        try (LineClient session = LineClient.connect("127.0.0.1", port)) {
            assertThat(session.readLine()).startsWith("* OK ");
            assertThat(session.send("a LOGIN alice alicepw")).startsWith("a OK");
            p.signal("TERM");
            p.awaitStderr("Waiting up to 600 s for 1 open session(s) to end");
            assertThat(LineClient.refused("127.0.0.1", port)).as("new connections refused").isTrue();
            assertThat(session.send("b NOOP")).as("the relayed session still works").startsWith("b OK");
            assertThat(p.isAlive()).isTrue();
            assertThat(session.send("c LOGOUT")).startsWith("* BYE");
        }
        assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isZero();
        assertThat(p.stderr()).contains("Exiting on signal 15").doesNotContain("still open");
        assertThat(p.defaultPidFile()).as("pid file removed").doesNotExist();
    }

    @Test
    void sigtermClosesSessionsLeftWhenTheGraceExpires() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = imapProxy(port, "--shutdown_grace", "1");
        try (LineClient session = LineClient.connect("127.0.0.1", port)) {
            assertThat(session.readLine()).startsWith("* OK ");
            assertThat(session.send("a LOGIN alice alicepw")).startsWith("a OK");
            p.signal("TERM");
            assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isZero();
            assertThat(session.readLine()).as("closed by the proxy").isNull();
        }
        assertThat(p.stderr()).contains("Exiting on signal 15", "Closing 1 session(s) still open");
    }

    /** The admin does not want to wait: a second stop signal (here INT after TERM) ends the grace at once. */
    @Test
    void secondStopSignalCutsTheGraceShort() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = imapProxy(port, "--shutdown_grace", "600");
        try (LineClient session = LineClient.connect("127.0.0.1", port)) {
            assertThat(session.readLine()).startsWith("* OK ");
            assertThat(session.send("a LOGIN alice alicepw")).startsWith("a OK");
            p.signal("TERM");
            p.awaitStderr("Waiting up to 600 s for 1 open session(s) to end");
            p.signal("INT");
            assertThat(p.awaitExit()).as("exit status; stderr:%n%s", p.stderr()).isZero();
            assertThat(session.readLine()).as("closed by the proxy").isNull();
        }
        assertThat(p.stderr()).contains("Closing 1 session(s) still open");
    }

    @Test
    void sigusr1AndSigusr2AreIgnored() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = imapProxy(port);
        p.signal("USR1");
        p.signal("USR2");
        assertThat(imapLogin(port)).startsWith("a OK");   // after both signals were delivered
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void pidFileIsWrittenGuardedAndRemoved() throws Exception {
        Path pidFile = tmp.resolve("run/perdition.imap4.pid");   // run/ does not exist yet
        int port = LineClient.freePort();
        PerditionProcess p = imapProxy(port, "--pid_file", pidFile.toString());
        assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(p.pid()));

        PerditionProcess second = launch("perdition.imap4", "-f", emptyConfig(), "-M", "", "-b",
                "127.0.0.1:" + LineClient.freePort(), "-F", "+", "--pid_file", pidFile.toString());
        assertThat(second.awaitExit()).as("second start; stderr:%n%s", second.stderr()).isEqualTo(EXIT_FAILURE);
        assertThat(second.stderr()).contains("Could not write pid file " + pidFile, "process " + p.pid());
        assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(p.pid()));

        p.signal("TERM");
        assertThat(p.awaitExit()).isZero();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void staleOrAbsentPidFile() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path pidFile = tmp.resolve("stale.pid");
        Files.writeString(pidFile, Long.toString(gone.pid()));
        PerditionProcess p = imapProxy(LineClient.freePort(), "--pid_file", pidFile.toString());
        assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(p.pid()));
        p.close();   // SIGKILL: nothing can remove the file, the next start replaces it
        PerditionProcess next = imapProxy(LineClient.freePort(), "--pid_file", pidFile.toString());
        assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(next.pid()));
    }

    /** No --no_daemon, no -F -/+: the command returns, a detached daemon serves and TERM stops it. */
    @Test
    void daemonModeDetachesServesAndStopsOnTerm() throws Exception {
        Path pidFile = tmp.resolve("daemon.pid");
        Path log = tmp.resolve("daemon.log");
        int port = LineClient.freePort();
        PerditionProcess launcher = launch("perdition.imap4", "-f", emptyConfig(), "-M", "", "-s",
                "127.0.0.1:" + dovecot.imapPort(), "-b", "127.0.0.1:" + port, "-F", log.toString(),
                "--pid_file", pidFile.toString(), "--failure_delay", "0");
        assertThat(launcher.awaitExit()).as("launcher; stderr:%n%s", launcher.stderr()).isZero();
        long pid = Long.parseLong(Files.readString(pidFile));
        daemons.add(pid);
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        assertThat(daemon.isAlive()).isTrue();
        assertThat(pid).isNotEqualTo(launcher.pid());
        assertThat(daemon.parent().map(ProcessHandle::pid).orElse(-1L)).isNotEqualTo(launcher.pid());
        assertThat(sessionId(pid)).as("setsid: leads its own session").isEqualTo(pid);
        assertThat(read(log)).contains("Listening on");

        assertThat(imapLogin(port)).startsWith("a OK");

        new ProcessBuilder("kill", "-TERM", Long.toString(pid)).inheritIO().start().waitFor();
        assertThat(daemon.onExit().get(DEADLINE.toSeconds(), TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(pidFile).doesNotExist();
        assertThat(read(log)).contains("Exiting on signal 15");
    }

    /** A daemon that cannot start: its error reaches the launching terminal and the exit status. */
    @Test
    void daemonStartupErrorIsRelayedToTheLauncher() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess holder = imapProxy(port);   // the port is taken
        PerditionProcess launcher = launch("perdition.imap4", "-f", emptyConfig(), "-M", "", "-b",
                "127.0.0.1:" + port, "-F", tmp.resolve("daemon.log").toString(), "--pid_file",
                tmp.resolve("daemon.pid").toString());
        assertThat(launcher.awaitExit()).as("launcher; stderr:%n%s", launcher.stderr()).isEqualTo(EXIT_FAILURE);
        assertThat(launcher.stderr()).contains("cannot listen on");
        assertThat(tmp.resolve("daemon.pid")).doesNotExist();
        assertThat(holder.isAlive()).isTrue();
    }

    /** Field 6 of /proc/PID/stat: the session id (after the parenthesised command name). */
    private static long sessionId(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);   // state, ppid, pgrp, session
    }

    private static String read(Path file) {
        return FileTrees.readQuietly(file);
    }

    private static void await(BooleanSupplier condition, String what, PerditionProcess p) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline) && p.isAlive()) {
            p.awaitExitQuietly(50);   // the poll interval, noticing an early exit
        }
        assertThat(condition.getAsBoolean()).as("%s; stderr:%n%s", what, p.stderr()).isTrue();
    }

    private static String imapLogin(int port) throws IOException {
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).startsWith("* OK ");
            return client.send("a LOGIN alice alicepw");
        }
    }
}
