package org.perdition.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The launcher handed its sockets by {@code systemd-socket-activate}, which speaks systemd's
 * protocol without systemd as PID 1 (spec §7.6; sd_listen_fds(3)). Logins go through the proxy
 * to the private Dovecot with a real mail client:
 * <ul>
 * <li>{@code --accept --inetd} with {@code -i}: inetd style, the connection on fds 0 and 1;</li>
 * <li>no {@code --accept} (systemd Accept=no): the listening socket on fd 3, LISTEN_FDS=1;</li>
 * <li>{@code --accept} alone (Accept=yes, no StandardInput=socket): the connection on fd 3.</li>
 * </ul>
 */
class SocketActivationMailTest {

    private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");
    /** For the launcher's JAVA_OPTS: Netty's native transport off, so the NIO one is used. */
    private static final String NO_EPOLL = "JAVA_OPTS=-Dio.netty.transport.noNative=true";

    private static DovecotServer dovecot;

    private final List<PerditionProcess> started = new ArrayList<>();

    @BeforeAll
    static void startDovecot() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ACTIVATE), ACTIVATE + " missing (package systemd)");
        dovecot = DovecotServer.start();
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopActivator() {
        started.forEach(PerditionProcess::close);
    }

    /** systemd-socket-activate [activatorFlags] -l 127.0.0.1:port perdition.imap4 [args], back-end Dovecot. */
    private PerditionProcess activated(int port, List<String> activatorFlags, String... args) throws Exception {
        List<String> wrapper = new ArrayList<>(List.of(ACTIVATE.toString()));
        wrapper.addAll(activatorFlags);
        wrapper.addAll(List.of("-l", "127.0.0.1:" + port));
        List<String> all = new ArrayList<>(List.of("-f", "", "-M", "", "-s", "127.0.0.1:" + dovecot.imapPort(),
                "-F", "+", "--failure_delay", "0"));
        all.addAll(List.of(args));
        PerditionProcess p = PerditionProcess.startUnder(wrapper, "perdition.imap4", all.toArray(String[]::new));
        started.add(p);
        p.awaitStderr("Listening on 127.0.0.1:" + port);   // the activator's own line: it has bound
        return p;
    }

    private static void assertProxiedInboxIsDovecots(int port) throws Exception {
        int[] direct = MailClient.imap(dovecot.imapPort()).inboxSizes("alice", "alicepw");
        assertThat(MailClient.imap(port).inboxSizes("alice", "alicepw")).isNotEmpty().isEqualTo(direct);
    }

    @Test
    void inetdModeServesOneConnectionOnStdinAndExitsZero() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = activated(port, List.of("--accept", "--inetd"), "-i");
        assertProxiedInboxIsDovecots(port);
        p.awaitStderr("died with code 0");   // the activator reports its child's exit status
        assertThat(p.stderr()).contains("Connect:  127.0.0.1:").contains(" inetd_pid=")
                .contains("authentication_id=\"alice\"").doesNotContain("Listening on [");
    }

    @Test
    void acceptNoServesTheInheritedListenerWithoutBindingItsOwn() throws Exception {
        int port = LineClient.freePort();
        int ignored = LineClient.freePort();
        PerditionProcess p = activated(port, List.of(), "-b", "127.0.0.1:" + ignored);
        assertProxiedInboxIsDovecots(port);   // the first connection makes the activator start perdition
        assertProxiedInboxIsDovecots(port);   // the same process serves the next one
        assertThat(p.stderr()).contains("Using 1 listening socket(s) from systemd: fds [3]")
                .contains("Listening on [/127.0.0.1:" + port + "]");
        assertThat(p.stderr().lines().filter(l -> l.contains("Starting perdition")).count())
                .as("one daemon for both connections").isEqualTo(1);
        assertThat(LineClient.refused("127.0.0.1", ignored)).as("-b ignored under socket activation").isTrue();
    }

    @Test
    void acceptYesWithoutInetdServesTheConnectionOnFd3() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = activated(port, List.of("--accept"));
        assertProxiedInboxIsDovecots(port);
        p.awaitStderr("died with code 0");
        assertThat(p.stderr()).contains("authentication_id=\"alice\"").doesNotContain("inetd_pid=");
    }

    /** Without epoll the JDK's own view of fd 0 ({@code System.inheritedChannel()}) carries the session. */
    @Test
    void inetdModeWorksOnTheNioTransportToo() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = activated(port, List.of("--accept", "--inetd", "-E", NO_EPOLL), "-i", "-d");
        assertProxiedInboxIsDovecots(port);
        p.awaitStderr("died with code 0");
        assertThat(p.stderr()).contains("(nio transport)").contains("authentication_id=\"alice\"");
    }

    /** The JDK cannot wrap fd 3: Accept=no needs epoll, and says so. */
    @Test
    void acceptNoWithoutEpollIsAStartupError() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = activated(port, List.of("-E", NO_EPOLL));
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {   // makes the activator start it
            p.awaitStderr("perdition.imap4: systemd socket activation needs the epoll transport");
        }
    }

    @Test
    void inetdModeWithStdinNotASocketIsAStartupError() throws Exception {
        try (PerditionProcess p = PerditionProcess.start("perdition.pop3", "-f", "", "-M", "", "-s", "127.0.0.1:1",
                "-F", "+", "-i")) {
            assertThat(p.awaitExit()).isEqualTo(255);
            assertThat(p.stderr()).contains("perdition.pop3: --inetd_mode: standard input is not a connected"
                    + " stream socket");
        }
    }

    @Test
    void inetdModeRefusesToLogToStdoutWhichIsTheClient() throws Exception {
        int port = LineClient.freePort();
        PerditionProcess p = activated(port, List.of("--accept", "--inetd"), "-i", "-F", "-");
        try (LineClient client = LineClient.connect("127.0.0.1", port)) {
            assertThat(client.readLine()).as("no greeting, no log line: closed").isNull();
        }
        p.awaitStderr("perdition.imap4: --inetd_mode: --log_facility - would log to standard output");
    }
}
