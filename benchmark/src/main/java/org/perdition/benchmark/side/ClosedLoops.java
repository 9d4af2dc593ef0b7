package org.perdition.benchmark.side;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;

/**
 * N clients, each doing one asynchronous operation after another (closed loop) on the generator's
 * event loops: a warm-up, then a measured window in which completed operations are counted and the
 * target's and the generator's CPU are read at both ends.
 */
final class ClosedLoops {

    private static final long ERROR_LIMIT = 1000;
    /** An operation that takes longer has hung (a 10 MiB fetch takes well under a second). */
    private static final long OP_TIMEOUT_S = 20;

    private ClosedLoops() {
    }

    /**
     * {@code op.apply(client)} returns the amount one operation did (1 for a login); run by
     * {@code clients} loops. With a {@code progress} meter (bytes read so far), the amount is its
     * growth over the window instead, so operations cut by the window's ends count exactly. With
     * {@code breakdown}, the target's CPU in the window is also read per thread name.
     */
    static Measured run(int clients, Duration warmup, Duration measure, long targetPid, boolean breakdown,
                        IntFunction<CompletableFuture<Double>> op, DoubleSupplier progress) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(clients);
        java.util.concurrent.atomic.DoubleAdder amount = new java.util.concurrent.atomic.DoubleAdder();
        for (int i = 0; i < clients; i++) {
            int client = i;
            new Object() {
                void cycle() {
                    if (stop.get()) {
                        finished.countDown();
                        return;
                    }
                    op.apply(client).orTimeout(OP_TIMEOUT_S, TimeUnit.SECONDS).whenComplete((n, e) -> {
                        if (e == null) {
                            if (counting.get()) {
                                amount.add(n);
                                done.incrementAndGet();
                            }
                        } else {
                            firstError.compareAndSet(null, String.valueOf(e.getCause() != null ? e.getCause() : e));
                            if (errors.incrementAndGet() > ERROR_LIMIT) {
                                stop.set(true);
                            }
                        }
                        cycle();
                    });
                }
            }.cycle();
        }
        Thread.sleep(warmup.toMillis());
        counting.set(true);
        java.util.Map<String, Double> threads0 = ProcTree.threadCpu(breakdown ? targetPid : -1);
        double cpu0 = ProcTree.cpuSeconds(targetPid);
        double gen0 = ProcTree.selfCpuSeconds();
        long errors0 = errors.get();
        double progress0 = progress == null ? 0 : progress.getAsDouble();
        long t0 = System.nanoTime();
        Thread.sleep(measure.toMillis());
        // a window in which nothing completed (a cold JVM's first TLS handshakes on a loaded machine)
        // is stretched until something does, so a slow start never reads as zero throughput
        long stretchEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(OP_TIMEOUT_S);
        while (!stop.get() && System.nanoTime() < stretchEnd
                && (progress == null ? done.get() == 0 : progress.getAsDouble() == progress0)) {
            Thread.sleep(20);
        }
        counting.set(false);
        long t1 = System.nanoTime();
        double moved = progress == null ? amount.sum() : progress.getAsDouble() - progress0;
        double cpu1 = ProcTree.cpuSeconds(targetPid);
        java.util.Map<String, Double> threads = ProcTree.threadCpu(breakdown ? targetPid : -1);
        threads0.forEach((name, seconds) -> threads.merge(name, -seconds, Double::sum));
        double gen1 = ProcTree.selfCpuSeconds();
        long errorsInWindow = errors.get() - errors0;
        stop.set(true);
        finished.await(60, TimeUnit.SECONDS);
        return new Measured(moved, errorsInWindow, (t1 - t0) / 1e9, cpu1 - cpu0, gen1 - gen0, firstError.get(),
                threads);
    }
}
