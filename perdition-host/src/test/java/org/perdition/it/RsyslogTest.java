package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -F local3} read by a real syslog daemon: a private rsyslogd (imuxsock on a socket in a temp dir,
 * not /dev/log) parses our RFC 3164 lines and writes facility, severity, program name, pid and message to a
 * file. Skipped when rsyslog is not installed (.ci/install-test-deps installs it).
 */
class RsyslogTest {

    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static DovecotServer dovecot;

    @TempDir
    Path tmp;

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

    @Test
    void rsyslogdSeesFacilitySeverityProgramPidAndMessage() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(RSYSLOGD), RSYSLOGD + " missing (package rsyslog): skipping");
        Path socket = tmp.resolve("log");
        Path out = tmp.resolve("messages");
        Path conf = Files.writeString(tmp.resolve("rsyslog.conf"), String.join("\n",
                "global(workDirectory=\"" + tmp + "\")",
                "module(load=\"imuxsock\" SysSock.Use=\"off\")",
                "input(type=\"imuxsock\" Socket=\"" + socket + "\" CreatePath=\"on\")",
                "template(name=\"t\" type=\"string\" string=\"%syslogfacility-text%.%syslogseverity-text%"
                        + " %programname% %procid%%msg%\\n\")",   // %msg% starts with the space after "]:"
                "*.* action(type=\"omfile\" file=\"" + out + "\" template=\"t\")", ""));
        Process rsyslogd = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", conf.toString(),
                "-i", tmp.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("rsyslogd.out").toFile()).start();
        try {
            await(() -> Files.exists(socket), "rsyslogd's socket " + socket);
            int port = LineClient.freePort();
            try (PerditionProcess p = PerditionProcess.startWithJavaOpts("perdition.imap4",
                    "-Dperdition.syslog.socket=" + socket, "-f", "", "-M", "", "-s",
                    "127.0.0.1:" + dovecot.imapPort(), "-b", "127.0.0.1:" + port, "-F", "local3", "--no_daemon",
                    "--failure_delay", "0")) {
                String prefix = "perdition.imap4 " + p.pid() + " ";
                await(() -> read(out).contains(prefix + "Listening on"), "Listening line; stderr: " + p.stderr());
                try (LineClient client = LineClient.connect("127.0.0.1", port)) {
                    assertThat(client.readLine()).startsWith("* OK ");
                    assertThat(client.send("a LOGIN alice alicepw")).startsWith("a OK");
                }
                await(() -> read(out).contains("status=\"ok\""), "Auth line in " + out);
                assertThat(read(out).lines().filter(l -> l.contains("Auth:")))
                        .singleElement().asString()
                        .startsWith("local3.notice " + prefix + "Auth: 127.0.0.1:")
                        .contains("authentication_id=\"alice\"", "protocol=IMAP4");
                assertThat(read(out)).contains("local3.info " + prefix + "Connect:  127.0.0.1:");
            }
        } finally {
            rsyslogd.destroy();
            rsyslogd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) {
        return FileTrees.readQuietly(file);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        Object poll = new Object();
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            synchronized (poll) {
                poll.wait(50);   // the poll interval
            }
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
