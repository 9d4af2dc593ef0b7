package org.perdition.benchmark.side;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The four kinds of load of issue 8, each run the same way against every target: login storms,
 * bulk fetches of the 10 MiB message, NOOP round trips paired with direct Dovecot, and many idle
 * logged-in sessions (the memory figures are taken by {@link IdleSessions}).
 */
final class Workloads {

    static final String[][] USERS = {{"alice", "alicepw"}, {"bob", "bobpw"}};

    private final Generator generator;
    private final Duration warmup;
    private final Duration measure;

    Workloads(Generator generator, Duration warmup, Duration measure) {
        this.generator = generator;
        this.warmup = warmup;
        this.measure = measure;
    }

    /** Connect, greeting, login, logout, close, over and over by {@code clients} clients. */
    Measured logins(Proto proto, Endpoint e, int clients) throws InterruptedException {
        return ClosedLoops.run(clients, warmup, measure, e.pid(), client -> {
            String[] user = USERS[client % USERS.length];
            return generator.open(e.port(), e.tls(), proto.greeting())
                    .thenCompose(c -> proto.login(c, user[0], user[1]))
                    .thenCompose(proto::logout)
                    .thenCompose(Conn::close)
                    .thenApply(x -> 1.0);
        }, null);
    }

    /** {@code sessions} logged-in sessions fetching message 4 (10 MiB) again and again; amount in bytes. */
    Measured relay(Proto proto, Endpoint e, int sessions) throws InterruptedException, IOException {
        List<Conn> conns = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                String[] user = USERS[i % USERS.length];
                conns.add(generator.open(e.port(), e.tls(), proto.greeting())
                        .thenCompose(c -> proto.login(c, user[0], user[1]))
                        .thenCompose(proto::prepareFetch)
                        .get(30, TimeUnit.SECONDS));
            }
            return ClosedLoops.run(sessions, warmup, measure, e.pid(),
                    client -> proto.fetchBig(conns.get(client)).thenApply(c -> 0.0),
                    () -> conns.stream().mapToLong(Conn::bytesRead).sum());
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
            throw new IOException("relay sessions could not log in: " + ex.getCause(), ex);
        } finally {
            conns.forEach(Conn::close);
        }
    }

    /** NOOP round trips on a logged-in session of the target and one of direct Dovecot, in turn. */
    Latency noop(Proto proto, Endpoint target, Endpoint direct) throws IOException {
        try (BlockingSession t = new BlockingSession(proto, target.port(), "alice", "alicepw");
             BlockingSession d = new BlockingSession(proto, direct.port(), "bob", "bobpw")) {
            long warmEnd = System.nanoTime() + warmup.toNanos();
            while (System.nanoTime() < warmEnd) {
                t.noop();
                d.noop();
            }
            long[] ts = new long[1 << 16];
            long[] ds = new long[1 << 16];
            int n = 0;
            long end = System.nanoTime() + measure.toNanos();
            while (System.nanoTime() < end && n < ts.length) {
                // alternate which goes first, so neither always finds the caches warm
                if ((n & 1) == 0) {
                    ts[n] = t.noop();
                    ds[n] = d.noop();
                } else {
                    ds[n] = d.noop();
                    ts[n] = t.noop();
                }
                n++;
            }
            long[] diffs = new long[n];
            for (int i = 0; i < n; i++) {
                diffs[i] = ts[i] - ds[i];
            }
            return new Latency(n, percentile(ts, n, 0.50), percentile(ts, n, 0.99),
                    percentile(ds, n, 0.50), percentile(diffs, n, 0.50));
        }
    }

    /** Round-trip figures in microseconds: the target's p50/p99, direct's p50, median paired difference. */
    record Latency(int rounds, double p50, double p99, double directP50, double addedMedian) {
    }

    private static double percentile(long[] values, int n, double q) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n == 0 ? Double.NaN : sorted[Math.min(n - 1, (int) Math.floor(q * n))] / 1000.0;
    }

    Generator generator() {
        return generator;
    }

    static CompletableFuture<Conn> loggedIn(Generator g, Proto proto, Endpoint e, int n) {
        String[] user = USERS[n % USERS.length];
        return g.open(e.port(), e.tls(), proto.greeting()).thenCompose(c -> proto.login(c, user[0], user[1]));
    }
}
