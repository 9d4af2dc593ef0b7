package org.perdition.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.perdition.config.Settings;

/** sd_listen_fds(3) as SocketSources reads it; the sockets themselves: SocketActivationMailTest. */
class SocketSourcesTest {

    @Test
    void listenFdsForThisProcessStartAtThree() throws Exception {
        assertThat(SocketSources.listenFds(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "2"), 42)).containsExactly(3, 4);
    }

    @Test
    void anotherProcessesVariablesAreIgnored() throws Exception {
        assertThat(SocketSources.listenFds(Map.of("LISTEN_PID", "41", "LISTEN_FDS", "1"), 42)).isEmpty();
        assertThat(SocketSources.listenFds(Map.of("LISTEN_FDS", "1"), 42)).as("no LISTEN_PID").isEmpty();
        assertThat(SocketSources.listenFds(Map.of(), 42)).isEmpty();
    }

    @Test
    void aBadCountIsAnError() {
        assertThatThrownBy(() -> SocketSources.listenFds(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "x"), 42))
                .hasMessage("LISTEN_FDS=x is not a number");
        assertThatThrownBy(() -> SocketSources.listenFds(Map.of("LISTEN_PID", "42", "LISTEN_FDS", "-1"), 42))
                .hasMessage("LISTEN_FDS=-1 is out of range");
    }

    @Test
    void namesAreOptionalAndPadded() {
        assertThat(SocketSources.names("imap:imaps", 2)).containsExactly("imap", "imaps");
        assertThat(SocketSources.names(null, 2)).containsExactly("unknown", "unknown");
        assertThat(SocketSources.names("imap", 2)).containsExactly("imap", "unknown");
    }

    @Test
    void withoutInetdOrSystemdTheDaemonBindsItsOwn() throws Exception {
        Settings settings = new Settings();
        settings.bindAddresses.add("127.0.0.1:0");
        // this test JVM was not socket-activated (surefire's fork has no LISTEN_PID of its own)
        assertThat(SocketSources.choose(settings)).isInstanceOf(SocketSource.Bind.class);
    }

    @Test
    void inetdModeWithoutASocketOnStdinIsAnError() {
        Settings settings = new Settings();
        settings.inetdMode = true;
        // surefire's fork reads its commands from a pipe on stdin
        assertThatThrownBy(() -> SocketSources.choose(settings))
                .isInstanceOf(SocketSources.InheritedSocketException.class)
                .hasMessageStartingWith("--inetd_mode: standard input is not a connected stream socket");
    }
}
