package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/bin/perdition-service}, what {@code perdition@<protocol>.service} runs: it honours
 * Debian's /etc/default/perdition variables (RUN_PERDITION, the protocol switches, FLAGS and
 * {@code <P>_FLAGS}) from its environment, as systemd's EnvironmentFile= puts them there, and
 * runs the protocol's launcher. The Debian package itself is tested by .ci/package-smoke.
 */
class ServiceScriptTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private Process started;

    @AfterEach
    void stop() throws InterruptedException {
        if (started != null) {
            List<ProcessHandle> children = started.descendants().toList();
            started.destroy();
            started.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private Process run(Map<String, String> env, String... args) throws Exception {
        Path script = PerditionProcess.checkoutRoot().resolve("dist/bin/perdition-service");
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(tmp.resolve("stdout").toFile())
                .redirectError(tmp.resolve("stderr").toFile());
        Map<String, String> environment = builder.environment();
        for (String name : List.of("RUN_PERDITION", "FLAGS", "POP3", "POP3_FLAGS", "POP3S", "POP3S_FLAGS", "IMAP4",
                "IMAP4_FLAGS", "IMAP4S", "IMAP4S_FLAGS", "MANAGESIEVE", "MANAGESIEVE_FLAGS")) {
            environment.remove(name);
        }
        environment.put("PERDITION_CLASSPATH", PerditionProcess.testClassPath());
        // no /etc/perdition/*.conf of this machine: config discovery looks in an empty directory
        environment.put("JAVA_OPTS", "-Dperdition.sysconfdir=" + tmp.resolve("etc"));
        environment.putAll(env);
        return builder.start();
    }

    private int exitOf(Process process) throws InterruptedException {
        assertThat(process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("still running").isTrue();
        return process.exitValue();
    }

    private String stderr() throws Exception {
        return Files.readString(tmp.resolve("stderr"), StandardCharsets.UTF_8);
    }

    @Test
    void nothingRunsUnlessRunPerditionIsYes() throws Exception {
        assertThat(exitOf(run(Map.of(), "--check", "imap4"))).isEqualTo(1);
        assertThat(stderr()).contains("perdition.imap4 is disabled").contains("RUN_PERDITION=no");
        assertThat(exitOf(run(Map.of("RUN_PERDITION", "no"), "pop3", "--no_daemon"))).isEqualTo(1);
        assertThat(stderr()).contains("perdition.pop3 is disabled");
    }

    @Test
    void eachProtocolHasItsSwitchDefaultingToYes() throws Exception {
        Map<String, String> env = Map.of("RUN_PERDITION", "yes", "IMAP4S", "no", "POP3", "yes");
        assertThat(exitOf(run(env, "--check", "imaps"))).isEqualTo(1);
        assertThat(stderr()).contains("IMAP4S=no");
        assertThat(exitOf(run(env, "--check", "imap4s"))).isEqualTo(1);
        assertThat(exitOf(run(env, "--check", "imap4"))).isZero();
        assertThat(exitOf(run(env, "--check", "pop3"))).isZero();
        assertThat(exitOf(run(env, "--check", "managesieve"))).isZero();
    }

    @Test
    void unknownInstanceIsAUsageError() throws Exception {
        assertThat(exitOf(run(Map.of("RUN_PERDITION", "yes"), "--check", "smtp"))).isEqualTo(2);
        assertThat(stderr()).contains("unknown instance \"smtp\"");
    }

    @Test
    void flagsThenProtocolFlagsReachTheLauncher() throws Exception {
        Process p = run(Map.of("RUN_PERDITION", "yes", "FLAGS", "-F +", "POP3_FLAGS", "--frobnicate"),
                "pop3", "--no_daemon");
        assertThat(exitOf(p)).isEqualTo(255);
        assertThat(stderr()).contains("--frobnicate").doesNotContain("disabled");
    }

    @Test
    void startsTheProtocolsLauncherInTheForeground() throws Exception {
        int port = LineClient.freePort();
        Files.writeString(tmp.resolve("popmap.re"), "^(.*)$: 127.0.0.1\n");
        // A private pid file: the default /var/run/perdition.imap4/ may be held by another perdition.imap4
        // on this machine (another test run, Debian's perdition), which would refuse the start.
        started = run(Map.of("RUN_PERDITION", "yes", "FLAGS", "-F + -M posix_regex -m " + tmp.resolve("popmap.re"),
                "IMAP4_FLAGS", "-b 127.0.0.1:" + port + " --pid_file " + tmp.resolve("perdition.imap4.pid")),
                "imap4", "--no_daemon");
        String greeting = awaitGreeting(port);
        // the name perdition.imap4 chose IMAP: an IMAP greeting, not POP3's "+OK"
        assertThat(greeting).startsWith("* OK ");
        assertThat(started.isAlive()).isTrue();
    }

    private String awaitGreeting(int port) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            assertThat(started.isAlive()).as("exited early; stderr:%n%s", stderr()).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(10_000);
                return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                        .readLine();
            } catch (ConnectException notYet) {
                started.waitFor(100, TimeUnit.MILLISECONDS);   // poll interval, notices an early exit
            }
        }
        throw new AssertionError("no greeting on 127.0.0.1:" + port + "; stderr:\n" + stderr());
    }
}
