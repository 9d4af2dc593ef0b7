package org.perdition.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.perdition.config.Protocol;

/**
 * Abuse before login (issue 9): a flood of connections against -L, and a thousand failed logins from
 * one address. The proxy refuses politely and keeps serving the sessions it already has; the
 * failure delay holds on every connection without holding up anybody else.
 */
class FloodTest extends AbuseSuite {

    private static final int LIMIT = 50;

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void connectionFloodIsRefusedPolitelyWhileALoggedInSessionKeepsWorking(Dialect dialect) throws Exception {
        ScriptedBackend backend = null;
        if (dialect != Dialect.MANAGESIEVE) {
            backend = new ScriptedBackend(dialect == Dialect.POP3
                    ? ScriptedBackend.pop3Accepting("pw") : ScriptedBackend.imapAccepting("pw"));
        }
        String server = backend == null ? null : backend.address();
        proxy = ProxyHarness.start(dialect.protocol(), s -> {
            s.connectionLimit = LIMIT;
            s.authenticateTimeout = 30;
            if (server != null) {
                s.outgoingServers.add(server);
            }
        });
        if (backend != null) {
            proxy.closeLater(backend);
        }
        RawClient loggedIn = proxy.client();
        dialect.readGreeting(loggedIn);
        if (backend != null) {
            for (String command : dialect.login("bob", "pw")) {
                loggedIn.ask(command);
            }
        }
        List<RawClient> holders = new ArrayList<>();
        for (int i = 1; i < LIMIT; i++) {
            RawClient holder = proxy.client();
            assertThat(dialect.readGreeting(holder)).isNotNull();
            holders.add(holder);
        }
        int attempts = dialect == Dialect.POP3 ? 10_000 : 500;   // the 10,000 once; fewer for the other dialects
        AtomicInteger polite = new AtomicInteger();
        List<String> other = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService flood = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            done.add(flood.submit(() -> {
                try (RawClient refused = new RawClient(proxy.address())) {
                    String line = refused.read();
                    if (line != null && line.contains("Too many connections, try again later")
                            && dialect.isError(line) && refused.read() == null) {
                        polite.incrementAndGet();
                    } else {
                        other.add(String.valueOf(line));
                    }
                } catch (IOException e) {
                    other.add(e.toString());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        flood.shutdown();
        assertThat(other).as("answers other than the polite refusal").isEmpty();
        assertThat(polite.get()).isEqualTo(attempts);
        // The sessions already there keep working: the logged-in relay and an idle pre-login client.
        if (backend != null) {
            String reply = loggedIn.ask(dialect == Dialect.POP3 ? "STAT" : "a2 NOOP");
            assertThat(reply).contains("OK echo");
        }
        assertThat(dialect.isNoopReply(holders.get(0).ask(dialect.noop(5)), 5)).isTrue();
        assertThat(proxy.log().countContaining("Connection limit of " + LIMIT + " reached")).isEqualTo(attempts);
    }

    @Test
    void thousandFailedLoginsKeepTheirDelayAndBlockNobody() throws Exception {
        int connections = 10;
        int failuresEach = 100;
        int delayMillis = 30;
        ScriptedBackend backend = new ScriptedBackend(ScriptedBackend.pop3Accepting("right"));
        proxy = ProxyHarness.start(Protocol.POP3, s -> {
            s.outgoingServers.add(backend.address());
            s.failureDelayMillis = delayMillis;
            s.authenticateTimeout = 30;
            s.debug = false;
        });
        proxy.closeLater(backend);
        AtomicInteger failures = new AtomicInteger();
        ExecutorService flood = Executors.newFixedThreadPool(connections);
        List<Future<Long>> elapsed = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            elapsed.add(flood.submit(() -> {
                try (RawClient c = new RawClient(proxy.address())) {
                    c.read();
                    long start = System.nanoTime();
                    for (int n = 0; n < failuresEach; n++) {
                        c.ask("USER mallory");
                        String reply = c.ask("PASS guess" + n);
                        if (!reply.startsWith("-ERR")) {
                            throw new AssertionError("failed login answered " + reply);
                        }
                        failures.incrementAndGet();
                    }
                    return System.nanoTime() - start;
                }
            }));
        }
        // While the flood runs, another client logs in: no event loop or lookup thread is held by it.
        while (failures.get() == 0 && !elapsed.stream().allMatch(Future::isDone)) {
            Thread.onSpinWait();   // wait for the flood to be under way
        }
        RawClient good = proxy.client();
        good.read();
        good.ask("USER bob");
        assertThat(good.ask("PASS right")).isEqualTo("+OK You are so in");
        int failuresWhenGoodLoginDone = failures.get();
        for (Future<Long> f : elapsed) {
            // The delay held on every connection: a hundred failures cannot take less than a hundred delays.
            assertThat(f.get(120, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(
                    TimeUnit.MILLISECONDS.toNanos((long) failuresEach * delayMillis));
        }
        flood.shutdown();
        assertThat(failures.get()).isEqualTo(connections * failuresEach);
        assertThat(failuresWhenGoodLoginDone).as("failed logins when the good one completed")
                .isLessThan(connections * failuresEach);
        assertThat(proxy.log().countContaining("status=\"failed:")).isEqualTo(connections * failuresEach);
        assertThat(good.ask("STAT")).isEqualTo("+OK echo STAT");
    }
}
