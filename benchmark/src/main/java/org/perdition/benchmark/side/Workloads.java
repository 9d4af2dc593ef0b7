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
    /** Read the target's CPU per thread name over each window (a login profile). */
    private final boolean breakdown;

    Workloads(Generator generator, Duration warmup, Duration measure, boolean breakdown) {
        this.generator = generator;
        this.warmup = warmup;
        this.measure = measure;
        this.breakdown = breakdown;
    }

    /** Connect, greeting, login, logout, close, over and over by {@code clients} clients. */
    Measured logins(Proto proto, Endpoint e, int clients) throws InterruptedException {
        return logins(proto, e, clients, warmup, measure, breakdown);
    }

    /**
     * A target's JIT warm-up (--prime): logins in rounds of {@link #PRIME_ROUND} until the target's
     * compiler threads use under {@link #JIT_SETTLED} of its CPU in a round (a shorter round when
     * {@code limit} is shorter), or for at most
     * {@code limit}. A JVM on a busy 2-core machine is still compiling its login path after 30 s;
     * a proxy in production has long finished. Targets without a JIT settle in the first round.
     *
     * @return seconds primed and the compiler threads' share of the target's CPU in the last round
     */
    double[] prime(Proto proto, Endpoint e, int clients, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        Duration length = limit.compareTo(PRIME_ROUND) < 0 ? limit : PRIME_ROUND;
        double share;
        do {
            Measured round = logins(proto, e, clients, Duration.ZERO, length, true);
            double jit = round.threadCpu().entrySet().stream().filter(t -> t.getKey().contains("CompilerThre"))
                    .mapToDouble(java.util.Map.Entry::getValue).sum();
            share = round.targetCpu() > 0 ? jit / round.targetCpu() : 0;
        } while (share >= JIT_SETTLED && System.nanoTime() - start < limit.toNanos());
        return new double[] {(System.nanoTime() - start) / 1e9, share};
    }

    static final Duration PRIME_ROUND = Duration.ofSeconds(5);
    static final double JIT_SETTLED = 0.03;

    private Measured logins(Proto proto, Endpoint e, int clients, Duration warmup, Duration measure,
                            boolean breakdown) throws InterruptedException {
        return ClosedLoops.run(clients, warmup, measure, e.pid(), breakdown, client -> {
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
            return ClosedLoops.run(sessions, warmup, measure, e.pid(), breakdown,
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
