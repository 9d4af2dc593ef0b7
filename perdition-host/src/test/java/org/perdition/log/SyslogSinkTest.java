package org.perdition.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /dev/log writer against a real unix datagram socket bound by the test. */
class SyslogSinkTest {

    private static final int LOCAL3 = 19;
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    @Test
    void linesArriveWithPriorityIdentAndPid() throws Exception {
        try (UnixDatagramListener syslog = UnixDatagramListener.bind(tmp.resolve("log"));
             SyslogSink sink = SyslogSink.open(LOCAL3, "perdition.imap4", syslog.path().toString())) {
            sink.write(Level.NOTICE, "Auth: hello");
            sink.write(Level.ERR, "Fatal error");
            assertThat(syslog.await(l -> l.endsWith("Auth: hello"), "the notice"))
                    .matches("<157>[A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d perdition\\.imap4\\[" + PID
                            + "\\]: Auth: hello");
            assertThat(syslog.await(l -> l.endsWith("Fatal error"), "the error")).startsWith("<155>");
            assertThat(sink.droppedLines()).isZero();
        }
    }

    @Test
    void nothingListeningIsAnErrorNamingThePath() {
        Path missing = tmp.resolve("no-such-log");
        assertThatThrownBy(() -> SyslogSink.open(LOCAL3, "perdition", missing.toString()))
                .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    }

    /** A syslog daemon that does not read: lines are dropped and counted, the writer never waits. */
    @Test
    void fullSocketDropsAndCountsThenReportsTheDrops() throws Exception {
        try (UnixDatagramListener syslog = UnixDatagramListener.bindNotReading(tmp.resolve("log"));
             SyslogSink sink = SyslogSink.open(LOCAL3, "perdition", syslog.path().toString())) {
            String filler = "x".repeat(1000);
            int lines = 0;
            while (sink.droppedLines() == 0 && lines < 1_000_000) {
                sink.write(Level.INFO, "line " + lines++ + " " + filler);
            }
            assertThat(sink.droppedLines()).as("after %d lines", lines).isPositive();
            syslog.startReading();
            // the queue drains once the daemon reads; the next line that gets through says what was lost
            for (int i = 0; i < 300 && syslog.all().stream().noneMatch(l -> l.contains("Dropped ")); i++) {
                sink.write(Level.INFO, "after " + i);
                syslog.poll(100);   // the daemon's reading frees the socket: wait for a line, then try again
            }
            assertThat(syslog.await(l -> l.contains("Dropped "), "the drop report"))
                    .matches("<156>.*perdition\\[" + PID + "\\]: Dropped \\d+ log lines: the syslog socket was full");
        }
    }

    /** SIGHUP reconnects: a restarted syslog daemon (a new socket at the same path) gets the next lines. */
    @Test
    void reopenReachesARestartedDaemon() throws Exception {
        Path path = tmp.resolve("log");
        UnixDatagramListener first = UnixDatagramListener.bind(path);
        try (SyslogSink sink = SyslogSink.open(LOCAL3, "perdition", path.toString())) {
            sink.write(Level.INFO, "to the first");
            first.await(l -> l.endsWith("to the first"), "first line");
            first.close();
            try (UnixDatagramListener second = UnixDatagramListener.bind(path)) {
                sink.reopen();
                sink.write(Level.INFO, "to the second");
                assertThat(second.await(l -> l.endsWith("to the second"), "line after reopen")).startsWith("<158>");
            }
        }
    }
}
