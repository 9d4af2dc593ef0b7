package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Abuse before login (issue 9): clients that are slow on purpose, never finish a line, or pipeline
 * thousands of commands. --authenticate_timeout ends the slow ones; the line cap bounds memory.
 */
class SlowAndEndlessInputTest extends AbuseSuite {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void slowlorisIsEndedByTheAuthenticateTimeout(Dialect dialect) throws Exception {
        proxy = ProxyHarness.start(dialect.protocol(), s -> s.authenticateTimeout = 1);
        RawClient c = proxy.client();
        dialect.readGreeting(c);
        // Two bytes a second, never a line end: each byte alone is "activity", the command never comes.
        AtomicInteger dripped = new AtomicInteger();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            drip.scheduleAtFixedRate(() -> {
                try {
                    c.send(new byte[] {'N'});
                    dripped.incrementAndGet();
                } catch (IOException closed) {
                    drip.shutdown();
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
            assertThat(c.read()).as("after %s bytes", dripped.get()).isNull();
        } finally {
            drip.shutdownNow();
        }
        assertThat(dripped.get()).as("bytes dripped before the close").isLessThan(10);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void silentConnectionIsEndedByTheAuthenticateTimeout(Dialect dialect) throws Exception {
        proxy = ProxyHarness.start(dialect.protocol(), s -> s.authenticateTimeout = 1);
        RawClient c = proxy.client();
        assertThat(dialect.readGreeting(c)).isNotNull();
        assertThat(c.read()).isNull();
        assertThat(proxy.log().await("Timeout reading authentication information")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void halfClosedConnectionIsClosed(Dialect dialect) throws Exception {
        proxy = ProxyHarness.start(dialect.protocol(), s -> s.authenticateTimeout = 30);
        RawClient c = proxy.client();
        dialect.readGreeting(c);
        c.send("NOO");
        c.socket().shutdownOutput();
        assertThat(c.read()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void lineWithoutEndGetsAnErrorOrACloseAndIsNotBuffered(Dialect dialect) throws Exception {
        proxy = ProxyHarness.start(dialect.protocol(), s -> {
            s.authenticateTimeout = 10;
            s.maxLineLength = 1024;
        });
        RawClient c = proxy.client();
        dialect.readGreeting(c);
        // 8 MiB without a line end, from another thread: the proxy must not buffer it all.
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            byte[] chunk = "A".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 128; i++) {
                    c.send(chunk);
                    written.addAndGet(chunk.length);
                }
                c.send("\r\n" + dialect.noop(7) + "\r\n");
            } catch (IOException closed) {
                // the proxy hung up: fine, checked by the reader
            }
        });
        writer.start();
        String first = c.read();
        String next = first;
        while (next != null && !dialect.isNoopReply(next, 7)) {
            assertThat(dialect.isError(next)).as(next).isTrue();
            next = c.read();
        }
        writer.join(20_000);
        System.out.println(dialect + " endless line: first reply " + first + ", then "
                + (next == null ? "closed" : next) + " after " + written.get() + " bytes");
        assertThat(first == null || dialect.isError(first)).as("first reply %s", first).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void thousandsOfPipelinedCommandsAreAllAnswered(Dialect dialect) throws Exception {
        int commands = 5_000;
        proxy = ProxyHarness.start(dialect.protocol(), s -> s.authenticateTimeout = 10);
        RawClient c = proxy.client();
        dialect.readGreeting(c);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < commands; i++) {
            all.append(dialect.noop(i)).append("\r\n");
        }
        Thread writer = new Thread(() -> {
            try {
                c.send(all.toString());
            } catch (IOException e) {
                // the count below reports the shortfall
            }
        });
        writer.start();
        int answered = 0;
        for (String line = c.read(); line != null && dialect.isNoopReply(line, answered); line = c.read()) {
            answered++;
            if (answered == commands) {
                break;
            }
        }
        writer.join(20_000);
        assertThat(answered).isEqualTo(commands);
    }
}
